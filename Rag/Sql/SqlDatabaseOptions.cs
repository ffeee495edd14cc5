namespace Assistant.Rag.Sql;

/// <summary>One database the SQL route answers from (an item of "Sql:Databases").</summary>
public sealed class SqlDatabaseOptions
{
    /// <summary>The provider name of SQLite files.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The provider name of PostgreSQL servers.</summary>
    public const string Postgres = "postgres";

    /// <summary>The name cited with its results ("servicedesk"); letters, digits, '-' and '_'.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// SQLite: a file path (relative to the content root) or a "Data Source=…" string; opened read-only.
    /// PostgreSQL: an Npgsql connection string for a SELECT-only role.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>What the database holds, for the router and the LLM prompt.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Optional semantic YAML file: descriptions, synonyms, value aliases, exposed tables and columns.</summary>
    public string? SemanticFile { get; set; }

    /// <summary>Optional question→SQL examples (JSON array of {question, query[, answer]}).</summary>
    public string? ExamplesFile { get; set; }
}
