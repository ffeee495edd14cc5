namespace Assistant.Rag.Graph;

/// <summary>
/// The rows of a graph query as plain values, ready for JSON or a table: null, long, double, string, bool, lists, and maps
/// (a node is a map with "_labels" and its properties, a relationship a map with "_type", a path a map with "nodes" and
/// "relationships").
/// </summary>
/// <param name="Columns">Column names in result order.</param>
/// <param name="Rows">The rows.</param>
public sealed record GraphRows(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);
