using static Assistant.Rag.Graph.CypherAst;

namespace Assistant.Rag.Graph;

/// <summary>
/// Lets only read queries through: the engine's own parser must accept the text (so MERGE, SET, DELETE, REMOVE, DETACH,
/// CALL, LOAD CSV, FOREACH and friends are refused at the keyword), there must be no CREATE, no comments (a comment can
/// hide intent from a reviewer of the query log) and nothing outside string literals but ASCII (look-alike letters and
/// invisible characters); the query must end with RETURN; a LIMIT is added when the final RETURN has none.
/// </summary>
internal static class CypherGuard
{
    /// <summary>The query to run (with LIMIT added when missing) and its parsed form.</summary>
    /// <exception cref="GraphQueryRefusedException">The query is not a plain read query.</exception>
    public static (string Query, Statement Statement) Check(string query, int maxRows)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new GraphQueryRefusedException("The query is empty.");
        }

        if (query.Length > 20_000)
        {
            throw new GraphQueryRefusedException("The query is longer than 20,000 characters.");
        }

        Statement statement;
        try
        {
            statement = CypherParser.ParseStatement(query, out var hadComments);
            if (hadComments)
            {
                throw new GraphQueryRefusedException("Comments are not allowed in a query.");
            }
        }
        catch (CypherSyntaxException exception)
        {
            throw new GraphQueryRefusedException(exception.Message);
        }

        foreach (var part in statement.Parts)
        {
            if (AllClauses(part.Clauses).FirstOrDefault(c => c is Create or CreateIndex) is { } write)
            {
                throw new GraphQueryRefusedException($"CREATE is not allowed: the graph is queried read-only (offset {write.Position}).");
            }

            if (part.Clauses[^1] is not Return)
            {
                throw new GraphQueryRefusedException("A read query must end with RETURN.");
            }
        }

        if (statement.Parts.Count == 1 && statement.Parts[0].Clauses[^1] is Return { Projection.Limit: null })
        {
            var limited = query.TrimEnd().TrimEnd(';') + $"\nLIMIT {maxRows}";
            return (limited, CypherParser.ParseStatement(limited));
        }

        return (query, statement);
    }

    private static IEnumerable<Clause> AllClauses(IEnumerable<Clause> clauses) =>
        clauses.SelectMany(c => c is Match { Where: { } where } ? SubqueryClauses(where).Prepend(c) : [c]);

    private static IEnumerable<Clause> SubqueryClauses(Expr expression) => expression switch
    {
        Exists exists => AllClauses(exists.Clauses),
        CountSubquery count => AllClauses(count.Clauses),
        Binary b => SubqueryClauses(b.Left).Concat(SubqueryClauses(b.Right)),
        Unary u => SubqueryClauses(u.Operand),
        _ => [],
    };
}
