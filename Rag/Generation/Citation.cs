namespace Assistant.Rag.Generation;

/// <summary>A numbered source of an answer; <see cref="N"/> matches the "[n]" markers in the answer text.</summary>
/// <param name="N">Citation number, from 1.</param>
/// <param name="Title">Document title.</param>
/// <param name="Url">Document URL or path.</param>
/// <param name="Snippet">A short excerpt of the cited passage (at most about 300 characters).</param>
/// <param name="DocumentId">The cited document.</param>
/// <param name="PassageId">The cited passage: a parent section id, or a chunk id when only one chunk of it was used.</param>
/// <param name="ChunkIds">The chunks the passage was assembled from.</param>
public sealed record Citation(
    int N,
    string Title,
    string Url,
    string Snippet,
    string DocumentId,
    string PassageId,
    IReadOnlyList<string> ChunkIds);
