namespace Assistant.Rag.Sql;

/// <summary>The guard refused a query before running it (a write, a second statement, a forbidden table or function).</summary>
public sealed class SqlRefusedException(string reason) : Exception($"Query refused: {reason}")
{
    /// <summary>Why, in words safe to show an operator (no data).</summary>
    public string Reason { get; } = reason;
}
