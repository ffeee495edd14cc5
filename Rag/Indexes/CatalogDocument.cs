namespace Assistant.Rag.Indexes;

/// <summary>What the catalog knows of an indexed document; <paramref name="Acl"/> is its normalised access list ("public" when it has none).</summary>
public sealed record CatalogDocument(string Id, string Source, string Title, string Url, string Version, string ContentHash, DateTimeOffset IngestedAt, int Chunks, IReadOnlyList<string>? Acl = null);
