using Assistant.Rag.Memory;

namespace Assistant.Rag.Query;

/// <summary>Turns a follow-up ("and for contractors?") into a standalone question, using the conversation so far.</summary>
/// <remarks>Thread-safe.</remarks>
public interface IQuestionRewriter
{
    /// <summary>
    /// The standalone form of <paramref name="question"/>. A question that already stands alone, or one asked with no
    /// history, comes back unchanged. Never throws but for cancellation.
    /// </summary>
    Task<string> RewriteAsync(string question, ConversationHistory history, CancellationToken cancellationToken = default);
}
