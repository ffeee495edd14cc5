namespace Assistant.Rag.Graph;

/// <summary>A path: nodes and the relationships between them (one fewer relationship than nodes).</summary>
internal sealed record GraphPath(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphRelationship> Relationships)
{
    public int Length => Relationships.Count;

    public bool Equals(GraphPath? other) =>
        other is not null && Nodes.SequenceEqual(other.Nodes) && Relationships.SequenceEqual(other.Relationships);

    public override int GetHashCode() => HashCode.Combine(Nodes.Count, Nodes.Count > 0 ? Nodes[0].Id : 0, Nodes.Count > 0 ? Nodes[^1].Id : 0);
}
