namespace Assistant.Rag.Graph;

/// <summary>The documents a node or relationship says it came from: its <c>sources</c> list or <c>source</c> string.</summary>
internal static class GraphSources
{
    public static IReadOnlyList<string> Of(IReadOnlyDictionary<string, object?> properties)
    {
        if (properties.TryGetValue("sources", out var sources) && sources is IReadOnlyList<object?> list)
        {
            return list.OfType<string>().Where(s => s.Length > 0).ToList();
        }

        return properties.TryGetValue("source", out var source) && source is string one && one.Length > 0 ? [one] : [];
    }

    /// <summary>
    /// The part of <paramref name="graph"/> whose facts may be used when the documents in <paramref name="hidden"/> may
    /// not be read: a node or relationship without sources is the import file's own statement and stays; one with sources
    /// stays when at least one of them is readable; a relationship goes with either of its ends.
    /// </summary>
    public static PropertyGraph Without(PropertyGraph graph, IReadOnlySet<string> hidden)
    {
        bool Visible(IReadOnlyDictionary<string, object?> properties)
        {
            var sources = Of(properties);
            return sources.Count == 0 || sources.Any(s => !hidden.Contains(s));
        }

        var view = new PropertyGraph();
        foreach (var (label, property) in graph.IndexedProperties)
        {
            view.AddIndex(label, property);
        }

        var copies = new Dictionary<GraphNode, GraphNode>(ReferenceEqualityComparer.Instance);
        foreach (var node in graph.Nodes.Where(n => Visible(n.Properties)))
        {
            copies[node] = view.AddNode(node.Labels, node.Properties);
        }

        foreach (var relationship in graph.Relationships)
        {
            if (Visible(relationship.Properties) && copies.TryGetValue(relationship.Start, out var start) && copies.TryGetValue(relationship.End, out var end))
            {
                view.AddRelationship(relationship.Type, start, end, relationship.Properties);
            }
        }

        view.Freeze();
        return view;
    }
}
