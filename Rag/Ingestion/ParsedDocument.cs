namespace Assistant.Rag.Ingestion;

/// <summary>What a parser extracts from one file: a title, the sections in reading order and metadata.</summary>
public sealed record ParsedDocument(
    string Title,
    IReadOnlyList<DocumentSection> Sections,
    IReadOnlyDictionary<string, string> Metadata);
