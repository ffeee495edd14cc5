namespace Assistant.Rag.Graph;

/// <summary>A node of the property graph: an id, its labels and its properties. Immutable once loaded.</summary>
internal sealed class GraphNode(long id, IReadOnlyList<string> labels, IReadOnlyDictionary<string, object?> properties)
{
    public long Id { get; } = id;

    public IReadOnlyList<string> Labels { get; } = labels;

    public IReadOnlyDictionary<string, object?> Properties { get; } = properties;

    /// <summary>Relationships leaving this node, in load order.</summary>
    public List<GraphRelationship> Outgoing { get; } = [];

    /// <summary>Relationships arriving at this node, in load order.</summary>
    public List<GraphRelationship> Incoming { get; } = [];

    public bool HasLabel(string label) => Labels.Contains(label, StringComparer.Ordinal);
}
