using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Sql;

/// <summary>
/// One configured database behind the read-only guard: every query is checked (one read-only statement over exposed
/// tables and allowed functions) and runs under the row, time and size limits. Thread-safe.
/// </summary>
internal interface ISqlDatabase : IDisposable
{
    /// <summary>The configured name.</summary>
    string Name { get; }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>Reads tables, columns, keys, row counts and low-cardinality values.</summary>
    Task<DatabaseSchema> IntrospectAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks and runs <paramref name="sql"/>; only what <paramref name="exposure"/> allows may be read.</summary>
    /// <exception cref="SqlRefusedException">The guard refused it; nothing ran.</exception>
    /// <exception cref="SqlExecutionException">The database failed or the time limit stopped it.</exception>
    Task<TableResult> ExecuteAsync(string sql, SqlExposure exposure, CancellationToken cancellationToken = default);
}
