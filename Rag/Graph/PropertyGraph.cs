namespace Assistant.Rag.Graph;

/// <summary>
/// The embedded property graph: nodes with labels and properties, typed directed relationships, adjacency lists on each
/// node, a label index and (label, property) → value indexes.
/// </summary>
/// <remarks>
/// Written only by <see cref="CypherScriptLoader"/> while it is being built; after <see cref="Freeze"/> it is read-only and
/// safe to read from any number of threads.
/// </remarks>
internal sealed class PropertyGraph
{
    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphRelationship> _relationships = [];
    private readonly Dictionary<string, List<GraphNode>> _byLabel = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Label, string Property), Dictionary<object, List<GraphNode>>> _propertyIndexes = [];
    private bool _frozen;

    public IReadOnlyList<GraphNode> Nodes => _nodes;

    public IReadOnlyList<GraphRelationship> Relationships => _relationships;

    public IEnumerable<string> Labels => _byLabel.Keys;

    /// <summary>The (label, property) pairs with an index.</summary>
    public IEnumerable<(string Label, string Property)> IndexedProperties => _propertyIndexes.Keys;

    public IEnumerable<string> RelationshipTypes => _relationships.Select(r => r.Type).Distinct(StringComparer.Ordinal);

    public GraphNode AddNode(IReadOnlyList<string> labels, IReadOnlyDictionary<string, object?> properties)
    {
        ThrowIfFrozen();
        var node = new GraphNode(_nodes.Count, labels, properties);
        _nodes.Add(node);
        foreach (var label in labels)
        {
            if (!_byLabel.TryGetValue(label, out var list))
            {
                _byLabel[label] = list = [];
            }

            list.Add(node);
            foreach (var (key, value) in properties)
            {
                if (value is not null && _propertyIndexes.TryGetValue((label, key), out var index))
                {
                    AddToIndex(index, value, node);
                }
            }
        }

        return node;
    }

    public GraphRelationship AddRelationship(string type, GraphNode start, GraphNode end, IReadOnlyDictionary<string, object?> properties)
    {
        ThrowIfFrozen();
        var relationship = new GraphRelationship(_relationships.Count, type, start, end, properties);
        _relationships.Add(relationship);
        start.Outgoing.Add(relationship);
        end.Incoming.Add(relationship);
        return relationship;
    }

    /// <summary>Declares an index on (label, property), filling it from the nodes already there. Idempotent.</summary>
    public void AddIndex(string label, string property)
    {
        ThrowIfFrozen();
        if (_propertyIndexes.ContainsKey((label, property)))
        {
            return;
        }

        var index = new Dictionary<object, List<GraphNode>>(IndexKeyComparer.Instance);
        foreach (var node in NodesWithLabel(label))
        {
            if (node.Properties.TryGetValue(property, out var value) && value is not null)
            {
                AddToIndex(index, value, node);
            }
        }

        _propertyIndexes[(label, property)] = index;
    }

    public bool HasIndex(string label, string property) => _propertyIndexes.ContainsKey((label, property));

    public IReadOnlyList<GraphNode> NodesWithLabel(string label) =>
        _byLabel.TryGetValue(label, out var list) ? list : [];

    /// <summary>Nodes with <paramref name="label"/> whose <paramref name="property"/> equals <paramref name="value"/>, when that pair is indexed; null when it is not.</summary>
    public IReadOnlyList<GraphNode>? Lookup(string label, string property, object value)
    {
        if (!_propertyIndexes.TryGetValue((label, property), out var index))
        {
            return null;
        }

        return index.TryGetValue(IndexKeyComparer.Normalise(value), out var list) ? list : [];
    }

    /// <summary>Ends loading: after this the graph is read-only.</summary>
    public void Freeze() => _frozen = true;

    private static void AddToIndex(Dictionary<object, List<GraphNode>> index, object value, GraphNode node)
    {
        var key = IndexKeyComparer.Normalise(value);
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(node);
    }

    private void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new InvalidOperationException("The graph is read-only once loaded; writes go through the loader.");
        }
    }
}
