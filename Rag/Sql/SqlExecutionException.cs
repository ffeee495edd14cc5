namespace Assistant.Rag.Sql;

/// <summary>A query that passed the guard failed on the database (syntax, missing column, timeout); the message is the database's.</summary>
public sealed class SqlExecutionException(string database, string message, Exception? inner = null)
    : Exception($"Query on '{database}' failed: {message}", inner)
{
    /// <summary>The configured database name.</summary>
    public string Database { get; } = database;
}
