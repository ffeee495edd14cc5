namespace Assistant.Rag.Retrieval;

/// <summary>
/// Evidence handed to answer generation: one chunk, or several sibling chunks merged back into the span of their parent section.
/// </summary>
/// <param name="Id">The parent section id when chunks were merged, else the chunk id.</param>
/// <param name="DocumentId">The document.</param>
/// <param name="Title">Document title.</param>
/// <param name="Url">Document URL or path.</param>
/// <param name="Heading">Section heading path.</param>
/// <param name="Text">The passage text.</param>
/// <param name="Score">Fused score (higher is better).</param>
/// <param name="ChunkIds">The retrieved chunks it covers, best first.</param>
/// <param name="Language">Language of the text.</param>
public sealed record Passage(
    string Id,
    string DocumentId,
    string Title,
    string Url,
    string Heading,
    string Text,
    double Score,
    IReadOnlyList<string> ChunkIds,
    string Language);
