using static Assistant.Rag.Graph.CypherAst;

namespace Assistant.Rag.Graph;

internal sealed partial class CypherExecutor
{
    private static readonly HashSet<string> Aggregates = new(StringComparer.Ordinal) { "count", "collect", "sum", "avg", "min", "max" };

    /// <summary>WITH / RETURN: grouping when an item aggregates, DISTINCT, ORDER BY, SKIP, LIMIT.</summary>
    private (IReadOnlyList<string> Columns, IEnumerable<Row> Rows) Project(Projection projection, IEnumerable<Row> input)
    {
        var rows = input.ToList();
        var items = new List<ProjectionItem>();
        if (projection.Star)
        {
            var names = rows.Count > 0 ? rows[0].Names.Order(StringComparer.Ordinal).ToList() : [];
            items.AddRange(names.Select(n => new ProjectionItem(new Variable(n) { Text = n }, n, true)));
        }

        items.AddRange(projection.Items);
        var duplicate = items.GroupBy(i => i.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CypherRuntimeException($"Column '{duplicate.Key}' is returned twice; give one an alias.");
        }

        var columns = items.Select(i => i.Name).ToList();
        List<(Row Projected, Row Env, IReadOnlyList<Row>? Group)> results;
        if (items.Any(i => ContainsAggregate(i.Expression)))
        {
            results = Group(items, rows);
        }
        else
        {
            results = rows.Select(row =>
            {
                Tick();
                var projected = Row.From(items.Select(i => new KeyValuePair<string, object?>(i.Name, Evaluate(i.Expression, row, null))));
                return (projected, row.Merge(projected), (IReadOnlyList<Row>?)null);
            }).ToList();
        }

        if (projection.Distinct)
        {
            results = Distinct(results, r => columns.Select(c => r.Projected.Get(c)).ToList());
        }

        if (projection.OrderBy.Count > 0)
        {
            // ORDER BY an expression that is also projected ("ORDER BY count(m)") reads the projected value.
            var same = projection.OrderBy.Select(o => items.FirstOrDefault(i => i.Expression.Text == o.Expression.Text)?.Name).ToArray();
            var keyed = results.Select(r => (r, Keys: projection.OrderBy.Select((o, k) => same[k] is { } name ? r.Projected.Get(name) : Evaluate(o.Expression, r.Env, r.Group)).ToArray())).ToList();
            var comparer = Comparer<object?[]>.Create((a, b) =>
            {
                for (var i = 0; i < a.Length; i++)
                {
                    var c = CypherValues.OrderCompare(a[i], b[i]);
                    if (c != 0)
                    {
                        return projection.OrderBy[i].Descending ? -c : c;
                    }
                }

                return 0;
            });
            results = keyed.OrderBy(k => k.Keys, comparer).Select(k => k.r).ToList();
        }

        IEnumerable<Row> output = results.Select(r => r.Projected);
        if (projection.Skip is not null)
        {
            output = output.Skip(Count(projection.Skip, "SKIP"));
        }

        if (projection.Limit is not null)
        {
            output = output.Take(Count(projection.Limit, "LIMIT"));
        }

        return (columns, output.ToList());
    }

    private List<(Row Projected, Row Env, IReadOnlyList<Row>? Group)> Group(List<ProjectionItem> items, List<Row> rows)
    {
        var keys = items.Where(i => !ContainsAggregate(i.Expression)).ToList();
        var groups = new Dictionary<GroupKey, List<Row>>();
        var order = new List<GroupKey>();
        foreach (var row in rows)
        {
            Tick();
            var key = new GroupKey(keys.Select(k => Evaluate(k.Expression, row, null)).ToArray());
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                order.Add(key);
            }

            members.Add(row);
        }

        if (rows.Count == 0 && keys.Count == 0)
        {
            groups[new GroupKey([])] = [];
            order.Add(new GroupKey([]));
        }

        var results = new List<(Row, Row, IReadOnlyList<Row>?)>();
        foreach (var key in order)
        {
            var members = groups[key];
            var first = members.Count > 0 ? members[0] : Row.Empty;
            var values = new List<KeyValuePair<string, object?>>();
            var k = 0;
            foreach (var item in items)
            {
                var value = ContainsAggregate(item.Expression) ? Evaluate(item.Expression, first, members) : key.Values[k++];
                values.Add(new(item.Name, value));
            }

            // After an aggregation only what was projected is in scope (as in Neo4j): the grouping variables by their own
            // names and every item by its column name; anything else in ORDER BY is an undefined variable.
            var projected = Row.From(values);
            var scope = Row.From(items.Where(i => i.Expression is Variable && !ContainsAggregate(i.Expression))
                .Select(i => new KeyValuePair<string, object?>(((Variable)i.Expression).Name, projected.Get(i.Name))));
            results.Add((projected, scope.Merge(projected), members));
        }

        return results;
    }

    private static List<T> Distinct<T>(IEnumerable<T> items, Func<T, IReadOnlyList<object?>> key)
    {
        var seen = new HashSet<GroupKey>();
        return items.Where(i => seen.Add(new GroupKey([.. key(i)]))).ToList();
    }

    private int Count(Expr expression, string clause)
    {
        var value = Evaluate(expression, Row.Empty, null);
        return value switch
        {
            long l when l >= 0 && l <= int.MaxValue => (int)l,
            double d when d >= 0 && d == Math.Floor(d) && d <= int.MaxValue => (int)d,
            _ => throw new CypherRuntimeException($"{clause} needs a non-negative integer."),
        };
    }

    private static bool ContainsAggregate(Expr expression) => expression switch
    {
        Call call when Aggregates.Contains(call.Name) => true,
        Call call => call.Arguments.Any(ContainsAggregate),
        Property p => ContainsAggregate(p.Target),
        IndexAt i => ContainsAggregate(i.Target) || ContainsAggregate(i.Key),
        Slice s => ContainsAggregate(s.Target),
        Unary u => ContainsAggregate(u.Operand),
        Binary b => ContainsAggregate(b.Left) || ContainsAggregate(b.Right),
        IsNull n => ContainsAggregate(n.Operand),
        ListLiteral l => l.Items.Any(ContainsAggregate),
        MapLiteral m => m.Entries.Any(e => ContainsAggregate(e.Value)),
        Case c => (c.Subject is not null && ContainsAggregate(c.Subject)) || c.Branches.Any(b => ContainsAggregate(b.Key) || ContainsAggregate(b.Value)) || (c.Else is not null && ContainsAggregate(c.Else)),
        _ => false,
    };

    private object? Aggregate(Call call, IReadOnlyList<Row> group)
    {
        if (call.Star)
        {
            return (long)group.Count;
        }

        if (call.Arguments.Count != 1)
        {
            throw new CypherRuntimeException($"{call.Name}() takes one argument.");
        }

        var values = group.Select(r => Evaluate(call.Arguments[0], r, null)).Where(v => v is not null).ToList();
        if (call.Distinct)
        {
            values = Distinct(values, v => [v]);
        }

        switch (call.Name)
        {
            case "count":
                return (long)values.Count;
            case "collect":
                return values;
            case "sum":
                if (values.All(v => v is long))
                {
                    return values.Aggregate(0L, (s, v) => checked(s + (long)v!));
                }

                return values.Sum(v => Number(v, "sum"));
            case "avg":
                return values.Count == 0 ? null : values.Average(v => Number(v, "avg"));
            case "min":
                return values.Count == 0 ? null : values.Aggregate((a, b) => CypherValues.OrderCompare(b, a) < 0 ? b : a);
            default:
                return values.Count == 0 ? null : values.Aggregate((a, b) => CypherValues.OrderCompare(b, a) > 0 ? b : a);
        }
    }

    private static double Number(object? value, string function) =>
        value is not null && CypherValues.IsNumber(value) ? CypherValues.ToDouble(value) : throw new CypherRuntimeException($"{function}() needs numbers but got {CypherValues.TypeName(value)}.");
}
