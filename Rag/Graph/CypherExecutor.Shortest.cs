using static Assistant.Rag.Graph.CypherAst;

namespace Assistant.Rag.Graph;

internal sealed partial class CypherExecutor
{
    /// <summary>shortestPath / allShortestPaths: breadth-first from each start candidate to each end candidate.</summary>
    private IEnumerable<Row> ShortestPaths(PatternPart part, Row row)
    {
        var pattern = part.Relationships[0];
        var all = part.Shortest == "allShortestPaths";
        var max = pattern.MaxHops ?? int.MaxValue;
        foreach (var start in Candidates(part.Nodes[0], row).ToList())
        {
            if (BindNode(part.Nodes[0], start, row) is not { } withStart)
            {
                continue;
            }

            var ends = Candidates(part.Nodes[1], withStart).ToHashSet();
            var parents = Breadth(pattern, start, withStart, max, out var depth);
            foreach (var end in ends)
            {
                if (ReferenceEquals(end, start) || !depth.TryGetValue(end, out var d) || d < pattern.MinHops)
                {
                    continue;
                }

                if (BindNode(part.Nodes[1], end, withStart) is not { } bound)
                {
                    continue;
                }

                var paths = PathsTo(end, start, parents);
                foreach (var relationships in all ? paths : paths.Take(1))
                {
                    var result = bound;
                    if (pattern.Variable is not null)
                    {
                        result = result.With(pattern.Variable, relationships.Cast<object?>().ToList());
                    }

                    if (part.PathVariable is not null)
                    {
                        var nodes = new List<GraphNode> { start };
                        foreach (var relationship in relationships)
                        {
                            nodes.Add(relationship.Other(nodes[^1]));
                        }

                        result = result.With(part.PathVariable, new GraphPath(nodes, relationships));
                    }

                    yield return result;
                }
            }
        }
    }

    private Dictionary<GraphNode, List<GraphRelationship>> Breadth(RelationshipPattern pattern, GraphNode start, Row row, int max, out Dictionary<GraphNode, int> depth)
    {
        var parents = new Dictionary<GraphNode, List<GraphRelationship>>();
        depth = new Dictionary<GraphNode, int> { [start] = 0 };
        var frontier = new List<GraphNode> { start };
        var none = new HashSet<GraphRelationship>();
        for (var level = 1; level <= max && frontier.Count > 0; level++)
        {
            var next = new List<GraphNode>();
            foreach (var node in frontier)
            {
                foreach (var (relationship, end) in Step(pattern, pattern.Direction, node, row, none))
                {
                    if (!depth.TryGetValue(end, out var seen))
                    {
                        depth[end] = level;
                        parents[end] = [relationship];
                        next.Add(end);
                    }
                    else if (seen == level)
                    {
                        parents[end].Add(relationship);
                    }
                }
            }

            frontier = next;
        }

        return parents;
    }

    private static List<List<GraphRelationship>> PathsTo(GraphNode end, GraphNode start, Dictionary<GraphNode, List<GraphRelationship>> parents)
    {
        if (ReferenceEquals(end, start))
        {
            return [[]];
        }

        var paths = new List<List<GraphRelationship>>();
        foreach (var relationship in parents[end])
        {
            var previous = relationship.Other(end);
            foreach (var prefix in PathsTo(previous, start, parents))
            {
                prefix.Add(relationship);
                paths.Add(prefix);
            }
        }

        return paths;
    }
}
