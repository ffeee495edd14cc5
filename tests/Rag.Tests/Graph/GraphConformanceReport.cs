namespace Assistant.Rag.Tests.Graph;

/// <summary>How the embedded engine and kuzu compared over a query set.</summary>
internal sealed class GraphConformanceReport
{
    public int Equal { get; set; }

    /// <summary>Equal up to what Cypher leaves unspecified: collect() order, order of tied rows, which tied rows a LIMIT keeps.</summary>
    public int EqualUpToTies { get; set; }

    public List<string> Different { get; } = [];

    public List<string> OracleCannotRun { get; } = [];

    public List<string> NeitherRuns { get; } = [];

    public int OracleRuns => Equal + EqualUpToTies + Different.Count;

    public string Summary =>
        $"conformance {Equal + EqualUpToTies}/{OracleRuns} of the queries kuzu runs ({100.0 * (Equal + EqualUpToTies) / Math.Max(1, OracleRuns):0.0} %; {Equal} exactly, {EqualUpToTies} up to unspecified order (collect order, tied rows under ORDER BY/LIMIT)); " +
        $"kuzu cannot run {OracleCannotRun.Count} (the embedded engine runs them); neither runs {NeitherRuns.Count}";
}
