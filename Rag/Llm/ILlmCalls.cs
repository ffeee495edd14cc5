using Microsoft.Extensions.AI;

namespace Assistant.Rag.Llm;

/// <summary>
/// The LLM steps' one way to the model: each step states its prompt, its reply type and what it does without a reply;
/// timeout, retries, the turn's token budget, logging, metrics and spans are the policy's (<see cref="LlmCalls"/>).
/// </summary>
/// <remarks>
/// Thread-safe. The ask methods never throw for a failing, slow or over-budget model, nor for an unreadable reply:
/// the returned <see cref="LlmReply{T}"/> says why there is no reply. Only the caller's cancellation is thrown.
/// </remarks>
public interface ILlmCalls
{
    /// <summary>True when an LLM is configured; false means every ask returns <see cref="LlmOutcome.Unavailable"/> at once.</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// Opens the turn's token budget (Llm:MaxTokensPerTurn) for every call made under it, until the scope is disposed.
    /// Without an LLM the scope limits nothing.
    /// </summary>
    LlmTurnBudget.TurnScope BeginTurn();

    /// <summary>Asks for a text reply.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<LlmReply<string>> AskAsync(LlmStep step, IReadOnlyList<ChatMessage> prompt, ChatOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks for a structured reply of <typeparamref name="T"/> through the library's structured output: the JSON schema
    /// of <typeparamref name="T"/>, unless <paramref name="options"/> already carries a
    /// <see cref="ChatResponseFormatJson"/> (a schema built at run time), and strict deserialisation of the reply.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<LlmReply<T>> AskAsync<T>(LlmStep step, IReadOnlyList<ChatMessage> prompt, ChatOptions options, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Counts a fallback the step decided on after a reply (uncited, implausible, unreadable), by <paramref name="reason"/>.</summary>
    void FellBack(LlmStep step, string reason);
}
