namespace Assistant.Rag.Retrieval;

/// <summary>
/// Structured evidence: the rows a structured route (sql, graph) read to answer a question, citable beside text passages.
/// </summary>
/// <param name="Route">The route that produced it ("sql", "graph").</param>
/// <param name="Source">The configured database or graph it was read from (its name in settings, e.g. "servicedesk").</param>
/// <param name="Objects">The tables (or node labels and relationship types) the query read.</param>
/// <param name="Query">The query text exactly as executed.</param>
/// <param name="QueryLanguage">"sql" or "cypher".</param>
/// <param name="Columns">Column names, in result order.</param>
/// <param name="Rows">The rows kept (at most the route's row limit); each cell is null, a long, a double, a string or a bool.</param>
/// <param name="TotalRows">How many rows the query produced before the row limit (at least <c>Rows.Count</c>).</param>
/// <param name="Truncated">True when rows were cut by the row, time or size limit.</param>
/// <param name="ReadAt">When the data was read ("data as of").</param>
/// <param name="Documents">The knowledge-base documents the rows' facts came from (graph facts cite theirs); null or empty: none.</param>
public sealed record TableResult(
    string Route,
    string Source,
    IReadOnlyList<string> Objects,
    string Query,
    string QueryLanguage,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    int TotalRows,
    bool Truncated,
    DateTimeOffset ReadAt,
    IReadOnlyList<CitedDocument>? Documents = null);
