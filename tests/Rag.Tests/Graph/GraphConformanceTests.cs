using Xunit.Abstractions;

namespace Assistant.Rag.Tests.Graph;

/// <summary>The embedded Cypher engine returns what kuzu, an independent Cypher database, returns for the same queries.</summary>
public sealed class GraphConformanceTests(ITestOutputHelper output)
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Graph", "Data", name);

    [Fact]
    public void EmbeddedEngineAgreesWithKuzuOnTheFilmFixture()
    {
        var report = GraphConformance.Run(DataFile("films.cypher"), GraphConformance.ReadCases(DataFile("films-queries.jsonl")));

        output.WriteLine(report.Summary);
        Assert.True(report.Different.Count == 0, string.Join("\n", report.Different));
        Assert.Empty(report.NeitherRuns);
        Assert.Empty(report.OracleCannotRun);
        Assert.True(report.Equal >= 35, report.Summary);
    }

    /// <summary>
    /// Any folder laid out like the text2cypher data (an import script and questions.jsonl with cypher), named by
    /// GRAPH_CONFORMANCE_FOLDER (tests/graph-conformance.sh sets it); the film fixture when unset.
    /// </summary>
    [Fact]
    public void EmbeddedEngineAgreesWithKuzuOnEveryQueryKuzuRuns()
    {
        var folder = Environment.GetEnvironmentVariable("GRAPH_CONFORMANCE_FOLDER");
        var (script, questions) = string.IsNullOrEmpty(folder)
            ? (DataFile("films.cypher"), DataFile("films-queries.jsonl"))
            : (Directory.GetFiles(folder, "*.cypher").Single(), Path.Combine(folder, "questions.jsonl"));

        var report = GraphConformance.Run(script, GraphConformance.ReadCases(questions));

        output.WriteLine(report.Summary);
        foreach (var line in report.OracleCannotRun)
        {
            output.WriteLine("kuzu cannot run: " + line);
        }

        foreach (var line in report.NeitherRuns)
        {
            output.WriteLine("neither runs: " + line);
        }

        foreach (var line in report.Different)
        {
            output.WriteLine("different: " + line);
        }

        Assert.True(report.Different.Count == 0, report.Summary + "\n" + string.Join("\n", report.Different.Take(10)));
    }
}
