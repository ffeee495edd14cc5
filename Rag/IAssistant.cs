using Assistant.Rag.Generation;

namespace Assistant.Rag;

/// <summary>The question-answering engine: one <see cref="Turn"/> in, one cited <see cref="Answer"/> out.</summary>
/// <remarks>Thread-safe; one instance serves all channels.</remarks>
public interface IAssistant
{
    /// <summary>True once the index is loaded and questions can be answered.</summary>
    bool IsReady { get; }

    /// <summary>Answers a turn. Bad input (empty, oversized, binary text) gets an answer that says so, not an exception.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    Task<Answer> AnswerAsync(Turn turn, CancellationToken cancellationToken = default);
}
