using Assistant.Rag.Embeddings;
using Assistant.Rag.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Llm;

/// <summary>
/// The budget layer of the call policy: enforces <see cref="LlmTurnBudget"/> on every call. A call whose prompt plus a
/// minimal reply does not fit is refused with <see cref="LlmBudgetExceededException"/> before any attempt, the reply's
/// length is capped to what is left, and what the call used (the endpoint's usage figures, or an estimate) is charged
/// once, whatever the retries below it did.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class TokenBudgetChatClient : DelegatingChatClient
{
    private const int MinimumReply = 16;
    private readonly ITokenCounter _tokens;
    private readonly IOptionsMonitor<LlmOptions> _options;

    public TokenBudgetChatClient(IChatClient inner, ITokenCounter tokens, IOptionsMonitor<LlmOptions> options)
        : base(inner)
    {
        _tokens = tokens;
        _options = options;
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
        var prompt = LlmTokens.Prompt(_tokens, list);
        var left = budget.Remaining - prompt;
        if (left < MinimumReply)
        {
            throw new LlmBudgetExceededException($"The turn's LLM token budget is spent: {budget.Remaining} tokens left, the prompt needs {prompt}.");
        }

        var capped = options?.Clone() ?? new ChatOptions();
        capped.MaxOutputTokens = Math.Min(capped.MaxOutputTokens ?? _options.CurrentValue.MaxOutputTokens, left);
        var response = await base.GetResponseAsync(list, capped, cancellationToken).ConfigureAwait(false);
        var used = response.Usage?.TotalTokenCount is { } total and > 0 ? (int)Math.Min(total, int.MaxValue) : prompt + _tokens.CountTokens(response.Text);
        budget.Charge(used);
        return response;
    }
}
