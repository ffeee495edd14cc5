using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using static Assistant.Rag.Graph.CypherAst;

namespace Assistant.Rag.Graph;

internal sealed partial class CypherExecutor
{
    private static readonly ConcurrentDictionary<string, Regex> RegexCache = new(StringComparer.Ordinal);

    /// <summary>Evaluates <paramref name="expression"/> for <paramref name="row"/>; aggregates read <paramref name="group"/>.</summary>
    private object? Evaluate(Expr expression, Row row, IReadOnlyList<Row>? group)
    {
        switch (expression)
        {
            case Literal literal:
                return literal.Value;
            case Parameter parameter:
                return _parameters.TryGetValue(parameter.Name, out var value)
                    ? value
                    : throw new CypherRuntimeException($"Parameter ${parameter.Name} was not given.");
            case Variable variable:
                return row.TryGet(variable.Name, out var bound)
                    ? bound
                    : throw new CypherRuntimeException($"Variable `{variable.Name}` is not defined.");
            case Property property:
                return PropertyOf(Evaluate(property.Target, row, group), property.Key);
            case IndexAt index:
                return IndexOf(Evaluate(index.Target, row, group), Evaluate(index.Key, row, group));
            case Slice slice:
                return SliceOf(Evaluate(slice.Target, row, group), slice.From is null ? null : Evaluate(slice.From, row, group), slice.To is null ? null : Evaluate(slice.To, row, group), slice);
            case Unary unary:
                return UnaryOf(unary.Op, Evaluate(unary.Operand, row, group));
            case Binary binary:
                return BinaryOf(binary, row, group);
            case IsNull isNull:
                return (Evaluate(isNull.Operand, row, group) is null) != isNull.Negated;
            case HasLabels hasLabels:
                return Evaluate(hasLabels.Operand, row, group) switch
                {
                    null => null,
                    GraphNode node => hasLabels.Labels.All(node.HasLabel),
                    var other => throw new CypherRuntimeException($"Labels can only be tested on nodes, not {CypherValues.TypeName(other)}."),
                };
            case ListLiteral list:
                return list.Items.Select(i => Evaluate(i, row, group)).ToList();
            case MapLiteral map:
                return map.Entries.ToDictionary(e => e.Key, e => Evaluate(e.Value, row, group), StringComparer.Ordinal);
            case Call call when Aggregates.Contains(call.Name):
                return group is not null ? Aggregate(call, group) : throw new CypherRuntimeException($"{call.Name}() can only be used in WITH or RETURN.");
            case Call { Name: "size" or "length", Arguments: [PatternPredicate pattern] }:
                // Cypher 4's size((a)-->(b)): the number of matches of the pattern.
                return (long)MatchPart(pattern.Pattern, row, new HashSet<GraphRelationship>()).Count();
            case Call call:
                return CypherFunctions.Invoke(call.Name, call.Arguments.Select(a => Evaluate(a, row, group)).ToList());
            case Case @case:
                return CaseOf(@case, row, group);
            case ListComprehension comprehension:
                return ComprehensionOf(comprehension, row, group);
            case Quantifier quantifier:
                return QuantifierOf(quantifier, row, group);
            case Reduce reduce:
                return ReduceOf(reduce, row, group);
            case PatternPredicate predicate:
                return MatchPart(predicate.Pattern, row, new HashSet<GraphRelationship>()).Any();
            case Exists exists:
                return ApplyAll(exists.Clauses, [row]).Any();
            case CountSubquery count:
                return (long)ApplyAll(count.Clauses, [row]).Count();
            default:
                throw new CypherRuntimeException($"Unsupported expression {expression.Text}.");
        }
    }

    private static object? PropertyOf(object? target, string key) => target switch
    {
        null => null,
        GraphNode node => node.Properties.GetValueOrDefault(key),
        GraphRelationship relationship => relationship.Properties.GetValueOrDefault(key),
        IReadOnlyDictionary<string, object?> map => map.GetValueOrDefault(key),
        _ => throw new CypherRuntimeException($"Cannot read property '{key}' of a {CypherValues.TypeName(target)}."),
    };

    private static object? IndexOf(object? target, object? key)
    {
        if (target is null || key is null)
        {
            return null;
        }

        if (target is IReadOnlyList<object?> list)
        {
            if (key is not long i)
            {
                throw new CypherRuntimeException("A list index must be an integer.");
            }

            var at = i < 0 ? list.Count + i : i;
            return at >= 0 && at < list.Count ? list[(int)at] : null;
        }

        if (key is string name)
        {
            return PropertyOf(target, name);
        }

        throw new CypherRuntimeException($"Cannot index a {CypherValues.TypeName(target)} with a {CypherValues.TypeName(key)}.");
    }

    private static object? SliceOf(object? target, object? from, object? to, Slice slice)
    {
        if (target is null || (slice.From is not null && from is null) || (slice.To is not null && to is null))
        {
            return null;
        }

        if (target is not IReadOnlyList<object?> list)
        {
            throw new CypherRuntimeException($"Only lists can be sliced, not a {CypherValues.TypeName(target)}.");
        }

        static int Clamp(object? bound, int count, int fallback) => bound switch
        {
            null => fallback,
            long l => (int)Math.Clamp(l < 0 ? count + l : l, 0, count),
            _ => throw new CypherRuntimeException("Slice bounds must be integers."),
        };

        var start = Clamp(from, list.Count, 0);
        var end = Clamp(to, list.Count, list.Count);
        return end > start ? list.Skip(start).Take(end - start).ToList() : new List<object?>();
    }

    private static object? UnaryOf(string op, object? operand)
    {
        if (op == "NOT")
        {
            var b = CypherValues.AsBoolean(operand);
            return b is null ? null : !b.Value;
        }

        return operand switch
        {
            null => null,
            long l => op == "-" ? checked(-l) : l,
            double d => op == "-" ? -d : d,
            _ => throw new CypherRuntimeException($"Cannot apply unary {op} to a {CypherValues.TypeName(operand)}."),
        };
    }

    private object? BinaryOf(Binary binary, Row row, IReadOnlyList<Row>? group)
    {
        switch (binary.Op)
        {
            case "AND":
            {
                var left = CypherValues.AsBoolean(Evaluate(binary.Left, row, group));
                if (left == false)
                {
                    return false;
                }

                var right = CypherValues.AsBoolean(Evaluate(binary.Right, row, group));
                return right == false ? false : left is null || right is null ? null : true;
            }

            case "OR":
            {
                var left = CypherValues.AsBoolean(Evaluate(binary.Left, row, group));
                if (left == true)
                {
                    return true;
                }

                var right = CypherValues.AsBoolean(Evaluate(binary.Right, row, group));
                return right == true ? true : left is null || right is null ? null : false;
            }

            case "XOR":
            {
                var left = CypherValues.AsBoolean(Evaluate(binary.Left, row, group));
                var right = CypherValues.AsBoolean(Evaluate(binary.Right, row, group));
                return left is null || right is null ? null : left != right;
            }
        }

        var l = Evaluate(binary.Left, row, group);
        var r = Evaluate(binary.Right, row, group);
        switch (binary.Op)
        {
            case "=":
                return CypherValues.Equal(l, r);
            case "<>":
                return CypherValues.Equal(l, r) is { } eq ? !eq : null;
            case "<":
                return CypherValues.Compare(l, r) is { } lt ? lt < 0 : null;
            case ">":
                return CypherValues.Compare(l, r) is { } gt ? gt > 0 : null;
            case "<=":
                return CypherValues.Compare(l, r) is { } le ? le <= 0 : null;
            case ">=":
                return CypherValues.Compare(l, r) is { } ge ? ge >= 0 : null;
            case "STARTS":
                return l is string s1 && r is string p1 ? s1.StartsWith(p1, StringComparison.Ordinal) : null;
            case "ENDS":
                return l is string s2 && r is string p2 ? s2.EndsWith(p2, StringComparison.Ordinal) : null;
            case "CONTAINS":
                return l is string s3 && r is string p3 ? s3.Contains(p3, StringComparison.Ordinal) : null;
            case "=~":
                return l is string s4 && r is string pattern ? RegexFor(pattern).IsMatch(s4) : null;
            case "IN":
                return InList(l, r);
            default:
                return CypherArithmetic.Apply(binary.Op, l, r);
        }
    }

    private static Regex RegexFor(string pattern) =>
        RegexCache.GetOrAdd(pattern, p =>
        {
            try
            {
                // Java's regex semantics, whole-string match; the timeout stops a catastrophic pattern.
                return new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            }
            catch (ArgumentException)
            {
                throw new CypherRuntimeException("Invalid regular expression.");
            }
        });

    private static bool? InList(object? item, object? list)
    {
        if (list is null)
        {
            return null;
        }

        if (list is not IReadOnlyList<object?> values)
        {
            throw new CypherRuntimeException($"IN needs a list on its right, not a {CypherValues.TypeName(list)}.");
        }

        var sawNull = false;
        foreach (var value in values)
        {
            var eq = CypherValues.Equal(item, value);
            if (eq == true)
            {
                return true;
            }

            sawNull |= eq is null;
        }

        return sawNull ? null : false;
    }

    private object? CaseOf(Case @case, Row row, IReadOnlyList<Row>? group)
    {
        var subject = @case.Subject is null ? null : Evaluate(@case.Subject, row, group);
        foreach (var (when, then) in @case.Branches)
        {
            var test = Evaluate(when, row, group);
            var hit = @case.Subject is null ? test is true : CypherValues.Equal(subject, test) == true;
            if (hit)
            {
                return Evaluate(then, row, group);
            }
        }

        return @case.Else is null ? null : Evaluate(@case.Else, row, group);
    }

    private object? ComprehensionOf(ListComprehension comprehension, Row row, IReadOnlyList<Row>? group)
    {
        if (AsList(Evaluate(comprehension.List, row, group)) is not { } list)
        {
            return null;
        }

        var result = new List<object?>();
        foreach (var item in list)
        {
            var inner = row.With(comprehension.Variable, item);
            if (comprehension.Where is null || Evaluate(comprehension.Where, inner, group) is true)
            {
                result.Add(comprehension.Projection is null ? item : Evaluate(comprehension.Projection, inner, group));
            }
        }

        return result;
    }

    private object? QuantifierOf(Quantifier quantifier, Row row, IReadOnlyList<Row>? group)
    {
        if (AsList(Evaluate(quantifier.List, row, group)) is not { } list)
        {
            return null;
        }

        int trues = 0, nulls = 0;
        foreach (var item in list)
        {
            var test = quantifier.Where is null ? item : Evaluate(quantifier.Where, row.With(quantifier.Variable, item), group);
            switch (CypherValues.AsBoolean(test))
            {
                case true: trues++; break;
                case null: nulls++; break;
            }
        }

        var falses = list.Count - trues - nulls;
        return quantifier.Kind switch
        {
            "any" => trues > 0 ? true : nulls > 0 ? null : false,
            "all" => falses > 0 ? false : nulls > 0 ? null : true,
            "none" => trues > 0 ? false : nulls > 0 ? null : true,
            _ => nulls > 0 ? (trues > 1 ? false : null) : trues == 1,
        };
    }

    private object? ReduceOf(Reduce reduce, Row row, IReadOnlyList<Row>? group)
    {
        var accumulator = Evaluate(reduce.Initial, row, group);
        if (AsList(Evaluate(reduce.List, row, group)) is not { } list)
        {
            return null;
        }

        foreach (var item in list)
        {
            accumulator = Evaluate(reduce.Expression, row.With(reduce.Accumulator, accumulator).With(reduce.Variable, item), group);
        }

        return accumulator;
    }

    private static IReadOnlyList<object?>? AsList(object? value) => value switch
    {
        null => null,
        IReadOnlyList<object?> list => list,
        _ => throw new CypherRuntimeException($"Expected a list but got {CypherValues.TypeName(value)}."),
    };
}
