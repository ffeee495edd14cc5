namespace Assistant.Rag.Graph;

/// <summary>A grouping or DISTINCT key: values compared with Cypher equivalence (null equals null, 1 equals 1.0).</summary>
internal readonly struct GroupKey(object?[] values) : IEquatable<GroupKey>
{
    public object?[] Values { get; } = values;

    public bool Equals(GroupKey other) =>
        Values.Length == other.Values.Length && Values.Zip(other.Values).All(p => CypherValues.EqualsStrict(p.First, p.Second));

    public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);

    public override int GetHashCode() => Values.Aggregate(23, (h, v) => (h * 31) + CypherValues.Hash(v));
}
