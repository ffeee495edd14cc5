namespace Assistant.Rag.Graph;

/// <summary>Equality for index keys with Cypher's number equality (1 = 1.0); lists are not indexed by value.</summary>
internal sealed class IndexKeyComparer : IEqualityComparer<object>
{
    public static IndexKeyComparer Instance { get; } = new();

    /// <summary>Whole doubles become longs so that 1 and 1.0 share a key.</summary>
    public static object Normalise(object value) =>
        value is double d && Math.Abs(d) < 9e15 && d == Math.Floor(d) ? (long)d : value;

    public new bool Equals(object? x, object? y) => CypherValues.EqualsStrict(x, y);

    public int GetHashCode(object obj) => CypherValues.Hash(obj);
}
