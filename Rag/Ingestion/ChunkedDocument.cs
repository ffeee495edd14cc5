namespace Assistant.Rag.Ingestion;

/// <summary>A document cut into sections and chunks, ready to embed and index.</summary>
/// <param name="Source">The document as the connector gave it.</param>
/// <param name="Version">The source's version, or the content hash when the source has none.</param>
/// <param name="ContentHash">SHA-256 over title and section texts; unchanged content has an unchanged hash.</param>
/// <param name="Sections">Parent passages.</param>
/// <param name="Pieces">Chunks in order.</param>
public sealed record ChunkedDocument(
    SourceDocument Source,
    string Version,
    string ContentHash,
    IReadOnlyList<ChunkedSection> Sections,
    IReadOnlyList<ChunkedPiece> Pieces);
