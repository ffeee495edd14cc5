namespace Assistant.Rag.Ingestion;

/// <summary>
/// A document as a connector hands it to ingestion.
/// </summary>
/// <param name="Id">Stable identifier at the source (a relative path, a SharePoint item id); the same id always means the same document.</param>
/// <param name="Title">Display title.</param>
/// <param name="Url">Where a reader opens it (file path, web URL).</param>
/// <param name="Sections">Sections in reading order.</param>
/// <param name="Metadata">Free-form metadata (author, modified, source).</param>
/// <param name="Version">The source's version stamp, if it has one (ETag, version number); null when the source has none.</param>
/// <param name="Acl">Who may read it, as <see cref="Access.Principals"/> strings ("user:…", "group:…", "everyone", "public"); null or empty is a public document.</param>
public sealed record SourceDocument(
    string Id,
    string Title,
    string Url,
    IReadOnlyList<DocumentSection> Sections,
    IReadOnlyDictionary<string, string> Metadata,
    string? Version = null,
    IReadOnlyList<string>? Acl = null);
