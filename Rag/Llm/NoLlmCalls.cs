using Microsoft.Extensions.AI;

namespace Assistant.Rag.Llm;

/// <summary>No LLM configured: every ask returns <see cref="LlmOutcome.Unavailable"/> at once, and nothing is counted as a fallback.</summary>
internal sealed class NoLlmCalls : ILlmCalls
{
    public static readonly NoLlmCalls Instance = new();

    private NoLlmCalls()
    {
    }

    /// <inheritdoc />
    public bool IsAvailable => false;

    /// <inheritdoc />
    public LlmTurnBudget.TurnScope BeginTurn() => new(null, null);

    /// <inheritdoc />
    public Task<LlmReply<string>> AskAsync(LlmStep step, IReadOnlyList<ChatMessage> prompt, ChatOptions options, CancellationToken cancellationToken = default) =>
        Task.FromResult(LlmReply<string>.Without(LlmOutcome.Unavailable));

    /// <inheritdoc />
    public Task<LlmReply<T>> AskAsync<T>(LlmStep step, IReadOnlyList<ChatMessage> prompt, ChatOptions options, CancellationToken cancellationToken = default)
        where T : class => Task.FromResult(LlmReply<T>.Without(LlmOutcome.Unavailable));

    /// <inheritdoc />
    public void FellBack(LlmStep step, string reason)
    {
    }
}
