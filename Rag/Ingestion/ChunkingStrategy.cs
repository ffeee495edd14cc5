namespace Assistant.Rag.Ingestion;

/// <summary>How chunk boundaries are chosen inside a section.</summary>
public enum ChunkingStrategy
{
    /// <summary>Fill each chunk with whole sentences up to the token budget, with whole-sentence overlap.</summary>
    Fixed,

    /// <summary>
    /// Cut where the meaning shifts: between adjacent sentences whose embedding similarity is among the document's lowest,
    /// within <see cref="ChunkingOptions.SemanticMinTokens"/> and the token budget; no overlap at such cuts.
    /// </summary>
    Semantic,
}
