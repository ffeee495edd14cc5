namespace Assistant.Rag.Sql;

/// <summary>A stored question→SQL example of one database (from its examples file, or learned from votes).</summary>
/// <param name="Id">Stable id ("fernhill:3", "fernhill:learned:12").</param>
/// <param name="Database">The configured database name.</param>
/// <param name="Question">The example question.</param>
/// <param name="Query">Its SQL.</param>
/// <param name="Answer">Optional sentence template; {0}, {1} … are the first row's cells, literals are substituted as in the SQL.</param>
/// <param name="Origin">For a learned example, the stored example its query was adapted from (null when an LLM wrote it).</param>
internal sealed record SqlExample(string Id, string Database, string Question, string Query, string? Answer, string? Origin = null)
{
    /// <summary>True when votes taught it.</summary>
    public bool IsLearned => Id.Contains(":learned:", StringComparison.Ordinal);
}
