namespace Assistant.Rag.Graph;

/// <summary>A typed, directed relationship between two nodes, with its properties. Immutable once loaded.</summary>
internal sealed class GraphRelationship(long id, string type, GraphNode start, GraphNode end, IReadOnlyDictionary<string, object?> properties)
{
    public long Id { get; } = id;

    public string Type { get; } = type;

    public GraphNode Start { get; } = start;

    public GraphNode End { get; } = end;

    public IReadOnlyDictionary<string, object?> Properties { get; } = properties;

    /// <summary>The node at the other end from <paramref name="node"/>.</summary>
    public GraphNode Other(GraphNode node) => ReferenceEquals(node, Start) ? End : Start;
}
