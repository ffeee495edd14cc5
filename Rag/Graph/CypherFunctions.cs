using System.Globalization;

namespace Assistant.Rag.Graph;

/// <summary>The scalar functions the engine knows; an unknown name is an error that names it.</summary>
internal static class CypherFunctions
{
    public static object? Invoke(string name, IReadOnlyList<object?> args)
    {
        switch (name)
        {
            case "coalesce":
                return args.FirstOrDefault(a => a is not null);
            case "range":
                return Range(args);
            case "exists":
                Arity(name, args, 1);
                return args[0] is not null;
            case "rand":
                throw new CypherRuntimeException("rand() is not supported: answers must be repeatable.");
        }

        if (args.Count > 0 && args[0] is null && name is not ("tostring" or "timestamp"))
        {
            return null;
        }

        return name switch
        {
            "size" => One(name, args) switch
            {
                string s => (long)new StringInfo(s).LengthInTextElements,
                IReadOnlyList<object?> l => (long)l.Count,
                var v => throw TypeError(name, v),
            },
            "length" => One(name, args) switch
            {
                GraphPath p => (long)p.Length,
                string s => (long)s.Length,
                IReadOnlyList<object?> l => (long)l.Count,
                var v => throw TypeError(name, v),
            },
            "tolower" => Text(name, args).ToLowerInvariant(),
            "toupper" => Text(name, args).ToUpperInvariant(),
            "trim" => Text(name, args).Trim(),
            "ltrim" => Text(name, args).TrimStart(),
            "rtrim" => Text(name, args).TrimEnd(),
            "reverse" => One(name, args) switch
            {
                string s => new string(s.Reverse().ToArray()),
                IReadOnlyList<object?> l => l.Reverse().ToList(),
                var v => throw TypeError(name, v),
            },
            "replace" => Arity(name, args, 3) && args[1] is string find && args[2] is string with ? Text(name, args).Replace(find, with, StringComparison.Ordinal) : null,
            "split" => Arity(name, args, 2) && args[1] is string separator ? Text(name, args).Split(separator).Cast<object?>().ToList() : null,
            "substring" => Substring(args),
            "left" => Arity(name, args, 2) ? Text(name, args)[..Math.Min((int)Integer(name, args[1]), Text(name, args).Length)] : null,
            "right" => Arity(name, args, 2) ? Text(name, args)[Math.Max(0, Text(name, args).Length - (int)Integer(name, args[1]))..] : null,
            "tostring" => One(name, args) is { } v ? CypherValues.Format(v) : null,
            "tointeger" => ToInteger(One(name, args)),
            "tofloat" => ToFloat(One(name, args)),
            "toboolean" => One(name, args) switch
            {
                bool b => b,
                string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
                string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
                string => null,
                var v => throw TypeError(name, v),
            },
            "type" => One(name, args) is GraphRelationship r ? r.Type : throw TypeError(name, args[0]),
            "labels" => One(name, args) is GraphNode n ? n.Labels.Cast<object?>().ToList() : throw TypeError(name, args[0]),
            "id" => One(name, args) switch
            {
                GraphNode n => n.Id,
                GraphRelationship r => r.Id,
                var v => throw TypeError(name, v),
            },
            "elementid" => One(name, args) switch
            {
                GraphNode n => "n:" + n.Id.ToString(CultureInfo.InvariantCulture),
                GraphRelationship r => "r:" + r.Id.ToString(CultureInfo.InvariantCulture),
                var v => throw TypeError(name, v),
            },
            "startnode" => One(name, args) is GraphRelationship r ? r.Start : throw TypeError(name, args[0]),
            "endnode" => One(name, args) is GraphRelationship r ? r.End : throw TypeError(name, args[0]),
            "nodes" => One(name, args) is GraphPath p ? p.Nodes.Cast<object?>().ToList() : throw TypeError(name, args[0]),
            "relationships" => One(name, args) switch
            {
                GraphPath p => p.Relationships.Cast<object?>().ToList(),
                IReadOnlyList<object?> l when l.All(x => x is GraphRelationship) => l,
                var v => throw TypeError(name, v),
            },
            "keys" => One(name, args) switch
            {
                GraphNode n => n.Properties.Keys.Cast<object?>().ToList(),
                GraphRelationship r => r.Properties.Keys.Cast<object?>().ToList(),
                IReadOnlyDictionary<string, object?> m => m.Keys.Cast<object?>().ToList(),
                var v => throw TypeError(name, v),
            },
            "properties" => One(name, args) switch
            {
                GraphNode n => new Dictionary<string, object?>(n.Properties, StringComparer.Ordinal),
                GraphRelationship r => new Dictionary<string, object?>(r.Properties, StringComparer.Ordinal),
                IReadOnlyDictionary<string, object?> m => m,
                var v => throw TypeError(name, v),
            },
            "head" => One(name, args) is IReadOnlyList<object?> l ? l.FirstOrDefault() : throw TypeError(name, args[0]),
            "last" => One(name, args) is IReadOnlyList<object?> l ? l.LastOrDefault() : throw TypeError(name, args[0]),
            "tail" => One(name, args) is IReadOnlyList<object?> l ? l.Skip(1).ToList() : throw TypeError(name, args[0]),
            "abs" => One(name, args) switch
            {
                long l => Math.Abs(l),
                double d => Math.Abs(d),
                var v => throw TypeError(name, v),
            },
            "sign" => (long)Math.Sign(Number(name, One(name, args))),
            "ceil" => Math.Ceiling(Number(name, One(name, args))),
            "floor" => Math.Floor(Number(name, One(name, args))),
            "sqrt" => Math.Sqrt(Number(name, One(name, args))),
            "round" => Round(args),
            "timestamp" => throw new CypherRuntimeException("timestamp() is not supported: answers must be repeatable."),
            "date" or "datetime" or "localdatetime" or "duration" => throw new CypherRuntimeException($"{name}() is not supported by the embedded engine: the graph stores dates as strings or integers."),
            _ => throw new CypherRuntimeException($"Unknown function {name}()."),
        };
    }

    private static object? One(string name, IReadOnlyList<object?> args)
    {
        Arity(name, args, 1);
        return args[0];
    }

    private static bool Arity(string name, IReadOnlyList<object?> args, int count) =>
        args.Count == count ? true : throw new CypherRuntimeException($"{name}() takes {count} argument(s), not {args.Count}.");

    private static string Text(string name, IReadOnlyList<object?> args) =>
        args.Count > 0 && args[0] is string s ? s : throw TypeError(name, args.Count > 0 ? args[0] : null);

    private static long Integer(string name, object? value) => value is long l ? l : throw TypeError(name, value);

    private static double Number(string name, object? value) =>
        value is not null && CypherValues.IsNumber(value) ? CypherValues.ToDouble(value) : throw TypeError(name, value);

    private static CypherRuntimeException TypeError(string name, object? value) =>
        new($"{name}() does not take a {CypherValues.TypeName(value)}.");

    private static object? Substring(IReadOnlyList<object?> args)
    {
        if (args.Count is < 2 or > 3)
        {
            throw new CypherRuntimeException("substring() takes 2 or 3 arguments.");
        }

        var text = Text("substring", args);
        var start = (int)Math.Min(Integer("substring", args[1]), text.Length);
        if (start < 0)
        {
            throw new CypherRuntimeException("substring() needs a non-negative start.");
        }

        var length = args.Count == 3 ? (int)Math.Min(Integer("substring", args[2]), text.Length - start) : text.Length - start;
        return text.Substring(start, Math.Max(0, length));
    }

    private static object? ToInteger(object? value) => value switch
    {
        long l => l,
        double d when double.IsFinite(d) => (long)Math.Truncate(d),
        bool b => b ? 1L : 0L,
        string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => (long)Math.Truncate(d),
        string => null,
        _ => throw TypeError("toInteger", value),
    };

    private static object? ToFloat(object? value) => value switch
    {
        long l => (double)l,
        double d => d,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        string => null,
        _ => throw TypeError("toFloat", value),
    };

    private static object? Round(IReadOnlyList<object?> args)
    {
        if (args.Count is < 1 or > 2)
        {
            throw new CypherRuntimeException("round() takes 1 or 2 arguments.");
        }

        var value = Number("round", args[0]);
        if (args.Count == 1)
        {
            return Math.Floor(value + 0.5);
        }

        var digits = (int)Integer("round", args[1]);
        return Math.Round(value, Math.Clamp(digits, 0, 15), MidpointRounding.AwayFromZero);
    }

    private static List<object?> Range(IReadOnlyList<object?> args)
    {
        if (args.Count is < 2 or > 3)
        {
            throw new CypherRuntimeException("range() takes 2 or 3 arguments.");
        }

        var from = Integer("range", args[0]);
        var to = Integer("range", args[1]);
        var step = args.Count == 3 ? Integer("range", args[2]) : 1;
        if (step == 0)
        {
            throw new CypherRuntimeException("range() needs a non-zero step.");
        }

        if (Math.Abs((to - from) / step) > 1_000_000)
        {
            throw new CypherRuntimeException("range() is limited to a million items.");
        }

        var list = new List<object?>();
        for (var i = from; step > 0 ? i <= to : i >= to; i += step)
        {
            list.Add(i);
        }

        return list;
    }
}
