using Assistant.Rag.Embeddings;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Generation;

/// <summary>
/// Enforces <see cref="LlmTurnBudget"/> on every call: a call whose prompt plus a minimal reply does not fit is refused
/// with <see cref="LlmBudgetExceededException"/> (callers fall back to their embedded path), the reply's length is capped
/// to what is left, and what the call used (the endpoint's usage figures, or an estimate) is charged.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class TokenBudgetChatClient : DelegatingChatClient
{
    private const int MinimumReply = 16;
    private readonly ITokenCounter _tokens;
    private readonly int _defaultMaxOutput;

    public TokenBudgetChatClient(IChatClient inner, ITokenCounter tokens, int defaultMaxOutput)
        : base(inner)
    {
        _tokens = tokens;
        _defaultMaxOutput = defaultMaxOutput;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var budget = LlmTurnBudget.Current;
        if (budget is null)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var list = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        var prompt = list.Sum(m => _tokens.CountTokens(m.Text) + 4);
        var left = budget.Remaining - prompt;
        if (left < MinimumReply)
        {
            throw new LlmBudgetExceededException($"The turn's LLM token budget is spent: {budget.Remaining} tokens left, the prompt needs {prompt}.");
        }

        var capped = options?.Clone() ?? new ChatOptions();
        capped.MaxOutputTokens = Math.Min(capped.MaxOutputTokens ?? _defaultMaxOutput, left);
        var response = await base.GetResponseAsync(list, capped, cancellationToken).ConfigureAwait(false);
        var used = response.Usage?.TotalTokenCount is { } total and > 0 ? (int)Math.Min(total, int.MaxValue) : prompt + _tokens.CountTokens(response.Text);
        budget.Charge(used);
        return response;
    }
}
