using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Generation;

/// <summary>Writes an answer from retrieved passages.</summary>
/// <remarks>Implementations are thread-safe and never invent sources: markers refer only to the passages given.</remarks>
public interface IAnswerGenerator
{
    /// <summary>Drafts an answer to <paramref name="question"/> from <paramref name="retrieval"/>.</summary>
    Task<AnswerDraft> GenerateAsync(string question, RetrievalResult retrieval, CancellationToken cancellationToken = default);
}
