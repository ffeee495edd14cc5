namespace Assistant.Rag.Ingestion;

/// <summary>A parent passage: one section of a document, which its chunks are cut from.</summary>
public sealed record ChunkedSection(string Id, string DocumentId, int Ordinal, string Heading, string Text);
