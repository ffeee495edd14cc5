namespace Assistant.Rag.Graph;

/// <summary>Turns engine values (nodes, relationships, paths) into plain values for JSON and tables.</summary>
internal static class GraphValues
{
    public static object? ToPlain(object? value) => value switch
    {
        GraphNode node => Entity("_labels", node.Labels.Cast<object?>().ToList(), node.Properties),
        GraphRelationship relationship => Entity("_type", relationship.Type, relationship.Properties),
        GraphPath path => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["nodes"] = path.Nodes.Select(n => ToPlain(n)).ToList(),
            ["relationships"] = path.Relationships.Select(r => ToPlain(r)).ToList(),
        },
        IReadOnlyList<object?> list => list.Select(ToPlain).ToList(),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value), StringComparer.Ordinal),
        _ => value,
    };

    /// <summary>A cell for a <see cref="Retrieval.TableResult"/>: scalars as they are, anything else as short text.</summary>
    public static object? ToCell(object? value) => value switch
    {
        null or long or double or string or bool => value,
        GraphNode node => node.Properties.TryGetValue("name", out var name) && name is string n ? n
            : node.Properties.TryGetValue("title", out var title) && title is string t ? t
            : string.Join(":", node.Labels),
        GraphRelationship relationship => relationship.Type,
        GraphPath path => string.Join(" → ", path.Nodes.Select(ToCell)),
        IReadOnlyList<object?> list => string.Join(", ", list.Select(ToCell)),
        IReadOnlyDictionary<string, object?> map => string.Join(", ", map.Select(kv => $"{kv.Key}: {ToCell(kv.Value)}")),
        _ => value.ToString(),
    };

    private static Dictionary<string, object?> Entity(string key, object? kind, IReadOnlyDictionary<string, object?> properties)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal) { [key] = kind };
        foreach (var (name, value) in properties)
        {
            map[name] = ToPlain(value);
        }

        return map;
    }
}
