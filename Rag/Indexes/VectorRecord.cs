namespace Assistant.Rag.Indexes;

/// <summary>A chunk id and its embedding.</summary>
public readonly record struct VectorRecord(string Id, ReadOnlyMemory<float> Vector);
