using static Assistant.Rag.Graph.CypherAst;

namespace Assistant.Rag.Graph;

/// <summary>
/// Builds a <see cref="PropertyGraph"/> from a Cypher import script: CREATE statements (nodes, relationships between
/// variables created earlier in the same statement) and CREATE INDEX / CONSTRAINT declarations. The only writer of graphs.
/// </summary>
internal static class CypherScriptLoader
{
    /// <summary>Loads <paramref name="script"/> into a new, frozen graph.</summary>
    /// <exception cref="CypherSyntaxException">The script does not parse.</exception>
    /// <exception cref="CypherRuntimeException">It uses something other than CREATE, or refers to an unknown variable.</exception>
    public static PropertyGraph Load(string script)
    {
        var graph = new PropertyGraph();
        foreach (var statement in CypherParser.ParseScript(script))
        {
            var variables = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
            foreach (var clause in statement.Parts.SelectMany(p => p.Clauses))
            {
                switch (clause)
                {
                    case CreateIndex index:
                        foreach (var property in index.Properties)
                        {
                            graph.AddIndex(index.Label, property);
                        }

                        break;
                    case Create create:
                        foreach (var part in create.Pattern)
                        {
                            CreatePart(graph, part, variables);
                        }

                        break;
                    default:
                        throw new CypherRuntimeException($"The import script may only CREATE (found {clause.GetType().Name.ToUpperInvariant()} at offset {clause.Position}).");
                }
            }
        }

        graph.Freeze();
        return graph;
    }

    private static void CreatePart(PropertyGraph graph, PatternPart part, Dictionary<string, GraphNode> variables)
    {
        var nodes = part.Nodes.Select(n => NodeFor(graph, n, variables)).ToList();
        for (var i = 0; i < part.Relationships.Count; i++)
        {
            var relationship = part.Relationships[i];
            if (relationship.Types.Count != 1 || relationship.VariableLength || relationship.Direction == Direction.Either)
            {
                throw new CypherRuntimeException($"A created relationship needs one type and a direction (offset {relationship.Position}).");
            }

            var (start, end) = relationship.Direction == Direction.Outgoing ? (nodes[i], nodes[i + 1]) : (nodes[i + 1], nodes[i]);
            graph.AddRelationship(relationship.Types[0], start, end, Properties(relationship.Properties));
        }
    }

    private static GraphNode NodeFor(PropertyGraph graph, NodePattern pattern, Dictionary<string, GraphNode> variables)
    {
        if (pattern.Variable is not null && variables.TryGetValue(pattern.Variable, out var existing))
        {
            if (pattern.Labels.Count > 0 || pattern.Properties is not null)
            {
                throw new CypherRuntimeException($"`{pattern.Variable}` is already created; refer to it without labels or properties (offset {pattern.Position}).");
            }

            return existing;
        }

        var node = graph.AddNode(pattern.Labels.ToArray(), Properties(pattern.Properties));
        if (pattern.Variable is not null)
        {
            variables[pattern.Variable] = node;
        }

        return node;
    }

    private static Dictionary<string, object?> Properties(Expr? expression)
    {
        if (expression is null)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        var value = CypherExecutor.EvaluateConstant(expression);
        if (value is not IReadOnlyDictionary<string, object?> map)
        {
            throw new CypherRuntimeException("Created properties must be a map of constants.");
        }

        // Cypher does not store null properties.
        return map.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
