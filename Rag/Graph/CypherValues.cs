using System.Globalization;

namespace Assistant.Rag.Graph;

/// <summary>
/// Cypher's value semantics over CLR values: null, long, double, string, bool, lists (<see cref="IReadOnlyList{T}"/> of
/// object?), maps (<see cref="IReadOnlyDictionary{TKey,TValue}"/>), <see cref="GraphNode"/>, <see cref="GraphRelationship"/>
/// and <see cref="GraphPath"/>.
/// </summary>
internal static class CypherValues
{
    /// <summary>Cypher <c>=</c>: null when either side is (or contains, for lists) null and the rest does not decide.</summary>
    public static bool? Equal(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return ToDouble(left) == ToDouble(right) && (left is double || right is double || (long)left == (long)right);
        }

        if (left is IReadOnlyList<object?> l && right is IReadOnlyList<object?> r)
        {
            if (l.Count != r.Count)
            {
                return false;
            }

            bool? result = true;
            for (var i = 0; i < l.Count; i++)
            {
                var item = Equal(l[i], r[i]);
                if (item == false)
                {
                    return false;
                }

                if (item is null)
                {
                    result = null;
                }
            }

            return result;
        }

        if (left is IReadOnlyDictionary<string, object?> lm && right is IReadOnlyDictionary<string, object?> rm)
        {
            if (lm.Count != rm.Count || lm.Keys.Any(k => !rm.ContainsKey(k)))
            {
                return false;
            }

            bool? result = true;
            foreach (var (key, value) in lm)
            {
                var item = Equal(value, rm[key]);
                if (item == false)
                {
                    return false;
                }

                if (item is null)
                {
                    result = null;
                }
            }

            return result;
        }

        if (left.GetType() != right.GetType())
        {
            return false;
        }

        return left switch
        {
            GraphNode n => ReferenceEquals(n, right),
            GraphRelationship rel => ReferenceEquals(rel, right),
            _ => left.Equals(right),
        };
    }

    /// <summary>Equivalence for grouping keys and DISTINCT: null equals null, 1 equals 1.0.</summary>
    public static bool EqualsStrict(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (left is IReadOnlyList<object?> l && right is IReadOnlyList<object?> r)
        {
            return l.Count == r.Count && l.Zip(r).All(p => EqualsStrict(p.First, p.Second));
        }

        if (left is IReadOnlyDictionary<string, object?> lm && right is IReadOnlyDictionary<string, object?> rm)
        {
            return lm.Count == rm.Count && lm.All(kv => rm.TryGetValue(kv.Key, out var v) && EqualsStrict(kv.Value, v));
        }

        return Equal(left, right) == true;
    }

    public static int Hash(object? value) => value switch
    {
        null => 0,
        long or int or double => ToDouble(value).GetHashCode(),
        string s => StringComparer.Ordinal.GetHashCode(s),
        IReadOnlyList<object?> list => list.Aggregate(17, (h, v) => (h * 31) + Hash(v)),
        IReadOnlyDictionary<string, object?> map => map.Aggregate(19, (h, kv) => h ^ (StringComparer.Ordinal.GetHashCode(kv.Key) + Hash(kv.Value))),
        _ => value.GetHashCode(),
    };

    /// <summary>Cypher <c>&lt;</c> and friends: the sign of the comparison, or null when the values are not comparable.</summary>
    public static int? Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }

        if (IsNumber(left) && IsNumber(right))
        {
            if (left is long a && right is long b)
            {
                return a.CompareTo(b);
            }

            var x = ToDouble(left);
            var y = ToDouble(right);
            return double.IsNaN(x) || double.IsNaN(y) ? null : x.CompareTo(y);
        }

        return (left, right) switch
        {
            (string s, string t) => Math.Sign(string.CompareOrdinal(s, t)),
            (bool p, bool q) => p.CompareTo(q),
            (IReadOnlyList<object?> l, IReadOnlyList<object?> r) => CompareLists(l, r),
            _ => null,
        };
    }

    /// <summary>The total order of ORDER BY: maps, nodes, relationships, lists, paths, strings, booleans, numbers, then null.</summary>
    public static int OrderCompare(object? left, object? right)
    {
        var rankLeft = OrderRank(left);
        var rankRight = OrderRank(right);
        if (rankLeft != rankRight)
        {
            return rankLeft.CompareTo(rankRight);
        }

        return (left, right) switch
        {
            (null, null) => 0,
            (GraphNode a, GraphNode b) => a.Id.CompareTo(b.Id),
            (GraphRelationship a, GraphRelationship b) => a.Id.CompareTo(b.Id),
            (IReadOnlyList<object?> a, IReadOnlyList<object?> b) => OrderLists(a, b),
            (GraphPath a, GraphPath b) => OrderLists([.. a.Nodes], [.. b.Nodes]),
            (IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) => a.Count.CompareTo(b.Count),
            _ when IsNumber(left!) => ToDouble(left!).CompareTo(ToDouble(right!)),
            _ => Compare(left, right) ?? 0,
        };
    }

    public static bool IsNumber(object value) => value is long or double or int;

    public static double ToDouble(object value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        _ => throw new CypherRuntimeException($"Expected a number but got {TypeName(value)}."),
    };

    public static string TypeName(object? value) => value switch
    {
        null => "null",
        long or int => "Integer",
        double => "Float",
        string => "String",
        bool => "Boolean",
        IReadOnlyList<object?> => "List",
        IReadOnlyDictionary<string, object?> => "Map",
        GraphNode => "Node",
        GraphRelationship => "Relationship",
        GraphPath => "Path",
        _ => value.GetType().Name,
    };

    /// <summary>toString() of a value, as Cypher prints it.</summary>
    public static string Format(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        _ => throw new CypherRuntimeException($"toString() does not take a {TypeName(value)}."),
    };

    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>Cypher truthiness for WHERE: only true passes; null and false do not; anything else is a type error.</summary>
    public static bool? AsBoolean(object? value) => value switch
    {
        null => null,
        bool b => b,
        _ => throw new CypherRuntimeException($"Expected a Boolean but got {TypeName(value)}."),
    };

    private static int OrderRank(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> => 0,
        GraphNode => 1,
        GraphRelationship => 2,
        IReadOnlyList<object?> => 3,
        GraphPath => 4,
        string => 5,
        bool => 6,
        long or int or double => 7,
        null => 9,
        _ => 8,
    };

    private static int? CompareLists(IReadOnlyList<object?> left, IReadOnlyList<object?> right)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var item = Compare(left[i], right[i]);
            if (item is null or not 0)
            {
                return item;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private static int OrderLists(IReadOnlyList<object?> left, IReadOnlyList<object?> right)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var item = OrderCompare(left[i], right[i]);
            if (item != 0)
            {
                return item;
            }
        }

        return left.Count.CompareTo(right.Count);
    }
}
