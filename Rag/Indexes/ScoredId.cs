namespace Assistant.Rag.Indexes;

/// <summary>A search hit from one index: the chunk id and the index's own score (higher is better).</summary>
public readonly record struct ScoredId(string Id, float Score);
