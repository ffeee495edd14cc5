namespace Assistant.Rag.Ingestion;

/// <summary>A chunk with its character span in the parent section's text.</summary>
/// <param name="Chunk">The chunk.</param>
/// <param name="Start">First character of the chunk in <see cref="ChunkedSection.Text"/>.</param>
/// <param name="End">One past the last character.</param>
/// <param name="EmbeddingText">What is embedded: title and heading, then the chunk text.</param>
public sealed record ChunkedPiece(Chunk Chunk, int Start, int End, string EmbeddingText);
