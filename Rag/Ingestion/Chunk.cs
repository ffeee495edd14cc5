namespace Assistant.Rag.Ingestion;

/// <summary>
/// The unit that is embedded and indexed. Lineage: document → section (<see cref="ParentId"/>) → chunk.
/// </summary>
/// <param name="Id">Stable id: "{documentId}#{section}.{ordinal}".</param>
/// <param name="DocumentId">The document the chunk belongs to.</param>
/// <param name="ParentId">The section (parent passage) the chunk was cut from.</param>
/// <param name="Ordinal">Position of the chunk inside its parent, from 0.</param>
/// <param name="Title">Document title.</param>
/// <param name="Url">Document URL or path.</param>
/// <param name="Heading">Section heading path.</param>
/// <param name="Text">Chunk text.</param>
/// <param name="Language">"en", "zh", "ja" or "und" (see <see cref="LanguageDetector"/>).</param>
/// <param name="TokenCount">Length in model tokens.</param>
/// <param name="ContentHash">SHA-256 of the text, hex; equal hashes share one embedding.</param>
/// <param name="DocumentVersion">The version of the document the chunk came from.</param>
/// <param name="Acl">The document's normalised access list (<see cref="Access.Principals.Normalize"/>); null is public.</param>
public sealed record Chunk(
    string Id,
    string DocumentId,
    string ParentId,
    int Ordinal,
    string Title,
    string Url,
    string Heading,
    string Text,
    string Language,
    int TokenCount,
    string ContentHash,
    string DocumentVersion,
    IReadOnlyList<string>? Acl = null);
