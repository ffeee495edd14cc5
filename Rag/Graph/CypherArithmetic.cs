namespace Assistant.Rag.Graph;

/// <summary>Cypher's + - * / % ^ over numbers, strings and lists (integer arithmetic stays integer, overflow is an error).</summary>
internal static class CypherArithmetic
{
    public static object? Apply(string op, object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }

        if (op == "+")
        {
            switch (left, right)
            {
                case (IReadOnlyList<object?> a, IReadOnlyList<object?> b):
                    return a.Concat(b).ToList();
                case (IReadOnlyList<object?> a, _):
                    return a.Append(right).ToList();
                case (_, IReadOnlyList<object?> b):
                    return b.Prepend(left).ToList();
                case (string a, string b):
                    return a + b;
                case (string a, _) when CypherValues.IsNumber(right):
                    return a + CypherValues.Format(right);
                case (_, string b) when CypherValues.IsNumber(left):
                    return CypherValues.Format(left) + b;
            }
        }

        if (!CypherValues.IsNumber(left) || !CypherValues.IsNumber(right))
        {
            throw new CypherRuntimeException($"Cannot apply {op} to {CypherValues.TypeName(left)} and {CypherValues.TypeName(right)}.");
        }

        if (left is long x && right is long y && op != "^")
        {
            try
            {
                return op switch
                {
                    "+" => checked(x + y),
                    "-" => checked(x - y),
                    "*" => checked(x * y),
                    "/" => y == 0 ? throw new CypherRuntimeException("Division by zero.") : x / y,
                    _ => y == 0 ? throw new CypherRuntimeException("Division by zero.") : x % y,
                };
            }
            catch (OverflowException)
            {
                throw new CypherRuntimeException("Integer overflow.");
            }
        }

        var a2 = CypherValues.ToDouble(left);
        var b2 = CypherValues.ToDouble(right);
        return op switch
        {
            "+" => a2 + b2,
            "-" => a2 - b2,
            "*" => a2 * b2,
            "/" => a2 / b2,
            "%" => a2 % b2,
            _ => Math.Pow(a2, b2),
        };
    }
}
