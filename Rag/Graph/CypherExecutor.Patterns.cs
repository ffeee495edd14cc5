using static Assistant.Rag.Graph.CypherAst;

namespace Assistant.Rag.Graph;

internal sealed partial class CypherExecutor
{
    private IEnumerable<Row> MatchClause(Match match, Row row)
    {
        var used = new HashSet<GraphRelationship>();
        var matches = MatchParts(match.Pattern, 0, row, used);
        if (match.Where is not null)
        {
            matches = matches.Where(r => CypherValues.AsBoolean(Evaluate(match.Where, r, null)) == true);
        }

        if (!match.Optional)
        {
            return matches;
        }

        return OptionalMatch(match, row, matches);
    }

    private static IEnumerable<Row> OptionalMatch(Match match, Row row, IEnumerable<Row> matches)
    {
        var any = false;
        foreach (var m in matches)
        {
            any = true;
            yield return m;
        }

        if (!any)
        {
            var nulls = row;
            foreach (var name in PatternVariables(match.Pattern).Where(n => !row.IsBound(n)))
            {
                nulls = nulls.With(name, null);
            }

            yield return nulls;
        }
    }

    private static IEnumerable<string> PatternVariables(IEnumerable<PatternPart> pattern) =>
        pattern.SelectMany(p => p.Nodes.Select(n => n.Variable)
            .Concat(p.Relationships.Select(r => r.Variable))
            .Append(p.PathVariable))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    private IEnumerable<Row> MatchParts(IReadOnlyList<PatternPart> parts, int index, Row row, HashSet<GraphRelationship> used)
    {
        if (index == parts.Count)
        {
            yield return row;
            yield break;
        }

        foreach (var matched in MatchPart(parts[index], row, used))
        {
            foreach (var result in MatchParts(parts, index + 1, matched, used))
            {
                yield return result;
            }
        }
    }

    /// <summary>All ways <paramref name="part"/> matches given <paramref name="row"/>, never reusing a relationship in <paramref name="used"/>.</summary>
    private IEnumerable<Row> MatchPart(PatternPart part, Row row, HashSet<GraphRelationship> used)
    {
        if (part.Shortest is not null)
        {
            return ShortestPaths(part, row);
        }

        var anchor = ChooseAnchor(part, row);
        var nodes = new GraphNode[part.Nodes.Count];
        var segments = new object[part.Relationships.Count];
        return Candidates(part.Nodes[anchor], row).SelectMany(node =>
        {
            if (BindNode(part.Nodes[anchor], node, row) is not { } bound)
            {
                return [];
            }

            nodes[anchor] = node;
            return Extend(part, anchor, anchor, true, nodes, segments, bound, used);
        });
    }

    private int ChooseAnchor(PatternPart part, Row row)
    {
        var best = 0;
        var bestCost = long.MaxValue;
        for (var i = 0; i < part.Nodes.Count; i++)
        {
            var node = part.Nodes[i];
            long cost;
            if (node.Variable is not null && row.IsBound(node.Variable))
            {
                cost = 0;
            }
            else if (IndexedEquality(node, row) is not null)
            {
                cost = 1;
            }
            else if (node.Labels.Count > 0)
            {
                cost = 2 + node.Labels.Min(l => _graph.NodesWithLabel(l).Count);
            }
            else
            {
                cost = 2L + _graph.Nodes.Count;
            }

            if (cost < bestCost)
            {
                best = i;
                bestCost = cost;
            }
        }

        return best;
    }

    private IReadOnlyList<GraphNode>? IndexedEquality(NodePattern node, Row row)
    {
        if (node.Properties is not MapLiteral map)
        {
            return null;
        }

        foreach (var label in node.Labels)
        {
            foreach (var (key, expression) in map.Entries)
            {
                if (_graph.HasIndex(label, key) && expression is Literal or Parameter or Variable or Property)
                {
                    var value = Evaluate(expression, row, null);
                    return value is null ? [] : _graph.Lookup(label, key, value);
                }
            }
        }

        return null;
    }

    private IEnumerable<GraphNode> Candidates(NodePattern pattern, Row row)
    {
        if (pattern.Variable is not null && row.TryGet(pattern.Variable, out var bound))
        {
            return bound switch
            {
                null => [],
                GraphNode node => [node],
                _ => throw new CypherRuntimeException($"`{pattern.Variable}` is a {CypherValues.TypeName(bound)}, not a node."),
            };
        }

        if (IndexedEquality(pattern, row) is { } indexed)
        {
            return indexed;
        }

        return pattern.Labels.Count > 0
            ? pattern.Labels.Select(_graph.NodesWithLabel).MinBy(l => l.Count)!
            : _graph.Nodes;
    }

    /// <summary>The row with <paramref name="node"/> bound to the pattern's variable, or null when the node does not fit.</summary>
    private Row? BindNode(NodePattern pattern, GraphNode node, Row row)
    {
        Tick();
        if (!pattern.Labels.All(node.HasLabel) || !PropertiesMatch(pattern.Properties, node.Properties, row))
        {
            return null;
        }

        if (pattern.Variable is null)
        {
            return row;
        }

        if (row.TryGet(pattern.Variable, out var bound))
        {
            return ReferenceEquals(bound, node) ? row : null;
        }

        return row.With(pattern.Variable, node);
    }

    private bool PropertiesMatch(Expr? properties, IReadOnlyDictionary<string, object?> actual, Row row)
    {
        if (properties is null)
        {
            return true;
        }

        if (Evaluate(properties, row, null) is not IReadOnlyDictionary<string, object?> wanted)
        {
            throw new CypherRuntimeException("Pattern properties must be a map.");
        }

        return wanted.All(kv => CypherValues.Equal(actual.GetValueOrDefault(kv.Key), kv.Value) == true);
    }

    /// <summary>
    /// Binds relationship <paramref name="next"/> step by step: first rightwards from the anchor to the last node, then
    /// leftwards from the anchor to the first.
    /// </summary>
    private IEnumerable<Row> Extend(PatternPart part, int anchor, int at, bool rightwards, GraphNode[] nodes, object[] segments, Row row, HashSet<GraphRelationship> used)
    {
        if (rightwards && at == part.Nodes.Count - 1)
        {
            rightwards = false;
            at = anchor;
        }

        if (!rightwards && at == 0)
        {
            yield return part.PathVariable is null ? row : row.With(part.PathVariable, BuildPath(nodes, segments));
            yield break;
        }

        var relIndex = rightwards ? at : at - 1;
        var nextIndex = rightwards ? at + 1 : at - 1;
        var pattern = part.Relationships[relIndex];
        var direction = rightwards ? pattern.Direction : Reverse(pattern.Direction);
        foreach (var (relationships, end) in Traverse(pattern, direction, nodes[at], row, used))
        {
            var bound = BindRelationships(pattern, relationships, rightwards, row);
            if (bound is null)
            {
                continue;
            }

            bound = BindNode(part.Nodes[nextIndex], end, bound);
            if (bound is null)
            {
                continue;
            }

            foreach (var relationship in relationships)
            {
                used.Add(relationship);
            }

            var ordered = rightwards ? relationships : relationships.AsEnumerable().Reverse().ToList();
            segments[relIndex] = ordered;
            nodes[nextIndex] = end;
            foreach (var result in Extend(part, anchor, nextIndex, rightwards, nodes, segments, bound, used))
            {
                yield return result;
            }

            foreach (var relationship in relationships)
            {
                used.Remove(relationship);
            }
        }
    }

    private static Direction Reverse(Direction direction) => direction switch
    {
        Direction.Outgoing => Direction.Incoming,
        Direction.Incoming => Direction.Outgoing,
        _ => Direction.Either,
    };

    private Row? BindRelationships(RelationshipPattern pattern, List<GraphRelationship> relationships, bool rightwards, Row row)
    {
        if (pattern.Variable is null)
        {
            return row;
        }

        object value = pattern.VariableLength
            ? (rightwards ? relationships : relationships.AsEnumerable().Reverse()).Cast<object?>().ToList()
            : relationships[0];
        if (row.TryGet(pattern.Variable, out var bound))
        {
            return CypherValues.EqualsStrict(bound, value) ? row : null;
        }

        return row.With(pattern.Variable, value);
    }

    /// <summary>Relationship sequences matching <paramref name="pattern"/> from <paramref name="start"/>, with the node each ends at.</summary>
    private IEnumerable<(List<GraphRelationship> Relationships, GraphNode End)> Traverse(
        RelationshipPattern pattern, Direction direction, GraphNode start, Row row, HashSet<GraphRelationship> used)
    {
        if (!pattern.VariableLength)
        {
            foreach (var (relationship, end) in Step(pattern, direction, start, row, used))
            {
                yield return ([relationship], end);
            }

            yield break;
        }

        var path = new List<GraphRelationship>();
        foreach (var result in Deepen(pattern, direction, start, row, used, path))
        {
            yield return result;
        }
    }

    private IEnumerable<(List<GraphRelationship>, GraphNode)> Deepen(
        RelationshipPattern pattern, Direction direction, GraphNode at, Row row, HashSet<GraphRelationship> used, List<GraphRelationship> path)
    {
        if (path.Count >= pattern.MinHops)
        {
            yield return ([.. path], at);
        }

        if (pattern.MaxHops is { } max && path.Count >= max)
        {
            yield break;
        }

        foreach (var (relationship, end) in Step(pattern, direction, at, row, used))
        {
            if (path.Contains(relationship))
            {
                continue;
            }

            path.Add(relationship);
            foreach (var result in Deepen(pattern, direction, end, row, used, path))
            {
                yield return result;
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private IEnumerable<(GraphRelationship, GraphNode)> Step(RelationshipPattern pattern, Direction direction, GraphNode from, Row row, HashSet<GraphRelationship> used)
    {
        if (direction is Direction.Outgoing or Direction.Either)
        {
            foreach (var relationship in from.Outgoing)
            {
                if (Fits(pattern, relationship, row, used))
                {
                    yield return (relationship, relationship.End);
                }
            }
        }

        if (direction is Direction.Incoming or Direction.Either)
        {
            foreach (var relationship in from.Incoming)
            {
                // A self-loop was already offered as outgoing.
                if ((direction == Direction.Incoming || !ReferenceEquals(relationship.Start, relationship.End)) && Fits(pattern, relationship, row, used))
                {
                    yield return (relationship, relationship.Start);
                }
            }
        }
    }

    private bool Fits(RelationshipPattern pattern, GraphRelationship relationship, Row row, HashSet<GraphRelationship> used)
    {
        Tick();
        return !used.Contains(relationship)
            && (pattern.Types.Count == 0 || pattern.Types.Contains(relationship.Type, StringComparer.Ordinal))
            && PropertiesMatch(pattern.Properties, relationship.Properties, row);
    }

    private static GraphPath BuildPath(GraphNode[] nodes, object[] segments)
    {
        var pathNodes = new List<GraphNode> { nodes[0] };
        var pathRelationships = new List<GraphRelationship>();
        var current = nodes[0];
        foreach (var segment in segments)
        {
            foreach (var relationship in (List<GraphRelationship>)segment)
            {
                current = relationship.Other(current);
                pathRelationships.Add(relationship);
                pathNodes.Add(current);
            }
        }

        return new GraphPath(pathNodes, pathRelationships);
    }
}
