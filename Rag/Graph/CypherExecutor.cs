using static Assistant.Rag.Graph.CypherAst;

namespace Assistant.Rag.Graph;

/// <summary>
/// Runs a parsed read statement over a <see cref="PropertyGraph"/>: one instance per execution, not thread-safe; the graph
/// itself may be shared by any number of executors.
/// </summary>
internal sealed partial class CypherExecutor
{
    private readonly PropertyGraph _graph;
    private readonly IReadOnlyDictionary<string, object?> _parameters;
    private readonly CancellationToken _cancellationToken;
    private int _steps;

    public CypherExecutor(PropertyGraph graph, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken)
    {
        _graph = graph;
        _parameters = parameters ?? new Dictionary<string, object?>();
        _cancellationToken = cancellationToken;
    }

    /// <summary>Parses and runs <paramref name="query"/>.</summary>
    /// <exception cref="CypherSyntaxException">The query does not parse.</exception>
    /// <exception cref="CypherRuntimeException">It parsed but failed while running.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (the caller's timeout).</exception>
    public static CypherResult Run(PropertyGraph graph, string query, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        new CypherExecutor(graph, parameters, cancellationToken).Run(CypherParser.ParseStatement(query));

    public CypherResult Run(Statement statement)
    {
        CypherResult? combined = null;
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var part in statement.Parts)
        {
            var result = RunSingle(part);
            if (combined is not null && !combined.Columns.SequenceEqual(result.Columns, StringComparer.Ordinal))
            {
                throw new CypherRuntimeException("All parts of a UNION must return the same column names.");
            }

            combined ??= result;
            rows.AddRange(result.Rows);
        }

        if (statement.Parts.Count > 1 && !statement.UnionAll)
        {
            rows = Distinct(rows, r => r);
        }

        return new CypherResult(combined!.Columns, rows);
    }

    private CypherResult RunSingle(SingleQuery query)
    {
        if (query.Clauses[^1] is not Return ret)
        {
            throw new CypherRuntimeException("A read query must end with RETURN.");
        }

        IEnumerable<Row> rows = [Row.Empty];
        foreach (var clause in query.Clauses.Take(query.Clauses.Count - 1))
        {
            rows = Apply(clause, rows);
        }

        var (columns, projected) = Project(ret.Projection, rows);
        var output = projected.Select(r => (IReadOnlyList<object?>)columns.Select(c => r.Get(c)).ToArray()).ToList();
        return new CypherResult(columns, output);
    }

    /// <summary>Runs clauses from <paramref name="seed"/> rows (EXISTS subqueries run this way, from the outer row).</summary>
    private IEnumerable<Row> ApplyAll(IReadOnlyList<Clause> clauses, IEnumerable<Row> seed)
    {
        var rows = seed;
        foreach (var clause in clauses)
        {
            rows = clause is Return r ? Project(r.Projection, rows).Rows : Apply(clause, rows);
        }

        return rows;
    }

    private IEnumerable<Row> Apply(Clause clause, IEnumerable<Row> rows) => clause switch
    {
        Match match => rows.SelectMany(row => MatchClause(match, row)),
        Unwind unwind => rows.SelectMany(row => UnwindRow(unwind, row)),
        With with => WithClause(with, rows),
        Return => throw new CypherRuntimeException("RETURN can only be the last clause."),
        Create or CreateIndex => throw new CypherRuntimeException("CREATE is not allowed: the graph is queried read-only."),
        _ => throw new CypherRuntimeException($"Unsupported clause {clause.GetType().Name}."),
    };

    private IEnumerable<Row> UnwindRow(Unwind unwind, Row row)
    {
        var value = Evaluate(unwind.List, row, null);
        if (value is null)
        {
            yield break;
        }

        if (value is not IReadOnlyList<object?> list)
        {
            yield return row.With(unwind.Variable, value);
            yield break;
        }

        foreach (var item in list)
        {
            yield return row.With(unwind.Variable, item);
        }
    }

    private IEnumerable<Row> WithClause(With with, IEnumerable<Row> rows)
    {
        var (_, projected) = Project(with.Projection, rows);
        return with.Where is null ? projected : projected.Where(r => CypherValues.AsBoolean(Evaluate(with.Where, r, null)) == true);
    }

    /// <summary>Evaluates an expression that refers to no variables (the loader's property maps).</summary>
    public static object? EvaluateConstant(Expr expression) =>
        new CypherExecutor(new PropertyGraph(), null, CancellationToken.None).Evaluate(expression, Row.Empty, null);

    private void Tick()
    {
        if (++_steps % 1024 == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
