namespace Assistant.Rag.Graph;

/// <summary>What a read query returned: its column names and rows (cells are CLR values, nodes, relationships or paths).</summary>
internal sealed record CypherResult(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);
