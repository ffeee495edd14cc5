namespace Assistant.Rag.Indexes;

/// <summary>A chunk id, its embedding, and its document's access list (null is public), which filtered searches pre-filter by.</summary>
public readonly record struct VectorRecord(string Id, ReadOnlyMemory<float> Vector, IReadOnlyList<string>? Acl = null);
