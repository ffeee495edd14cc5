namespace Assistant.Rag.Retrieval;

/// <summary>A knowledge-base document a structured result's facts came from (a graph fact's source), to cite beside the table.</summary>
/// <param name="DocumentId">The document's id in the catalog.</param>
/// <param name="Title">Its title.</param>
/// <param name="Url">Where a reader opens it.</param>
public sealed record CitedDocument(string DocumentId, string Title, string Url);
