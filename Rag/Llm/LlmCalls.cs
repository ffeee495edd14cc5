using Assistant.Rag.Embeddings;
using Assistant.Rag.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Llm;

/// <summary>
/// The call policy over the configured chat client, built once: <see cref="LlmPolicyChatClient"/> (span, step deadline,
/// metrics, logging) over <see cref="TokenBudgetChatClient"/> (the turn's budget) over <see cref="RetryingChatClient"/>
/// (attempt timeout, retries on transient failures) over the connection. Structured replies are read here, once.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class LlmCalls : ILlmCalls
{
    private readonly IChatClient _pipeline;
    private readonly IOptionsMonitor<LlmOptions> _options;
    private readonly ILogger _logger;

    /// <summary>The policy over <paramref name="connection"/>, the chat client that reaches the model.</summary>
    public LlmCalls(IChatClient connection, ITokenCounter tokens, IOptionsMonitor<LlmOptions> options, TimeProvider time, ILogger<LlmCalls> logger)
    {
        _options = options;
        _logger = logger;
        _pipeline = new ChatClientBuilder(connection)
            .Use(inner => new LlmPolicyChatClient(inner, tokens, time, _logger))
            .Use(inner => new TokenBudgetChatClient(inner, tokens, options))
            .Use(inner => new RetryingChatClient(inner, options, time, _logger))
            .Build();
    }

    /// <inheritdoc />
    public bool IsAvailable => true;

    /// <inheritdoc />
    public LlmTurnBudget.TurnScope BeginTurn() => LlmTurnBudget.Begin(_options.CurrentValue.MaxTokensPerTurn);

    /// <inheritdoc />
    public async Task<LlmReply<string>> AskAsync(LlmStep step, IReadOnlyList<ChatMessage> prompt, ChatOptions options, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(step, prompt, options, cancellationToken).ConfigureAwait(false);
        return response.Outcome == LlmOutcome.Ok ? LlmReply<string>.Ok(response.Value!.Text) : LlmReply<string>.Without(response.Outcome);
    }

    /// <inheritdoc />
    public async Task<LlmReply<T>> AskAsync<T>(LlmStep step, IReadOnlyList<ChatMessage> prompt, ChatOptions options, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var structured = options.Clone();
        structured.ResponseFormat = options.ResponseFormat as ChatResponseFormatJson ?? ChatResponseFormat.ForJsonSchema<T>(LlmJson.Options, typeof(T).Name);
        var response = await CallAsync(step, prompt, structured, cancellationToken).ConfigureAwait(false);
        if (response.Outcome != LlmOutcome.Ok)
        {
            return LlmReply<T>.Without(response.Outcome);
        }

        if (new ChatResponse<T>(response.Value!, LlmJson.Options).TryGetResult(out var result))
        {
            return LlmReply<T>.Ok(result);
        }

        var text = response.Value!.Text;
        var unfenced = LlmJson.Unfence(text);
        if (unfenced.Length != text.Length && new ChatResponse<T>(new ChatResponse(new ChatMessage(ChatRole.Assistant, unfenced)), LlmJson.Options).TryGetResult(out result))
        {
            return LlmReply<T>.Ok(result);
        }

        Log.InvalidReply(_logger, step.Name, typeof(T).Name, text.Length);
        LlmMetrics.RecordFallback(step.Name, LlmMetrics.Name(LlmOutcome.InvalidReply));
        return LlmReply<T>.Without(LlmOutcome.InvalidReply);
    }

    /// <inheritdoc />
    public void FellBack(LlmStep step, string reason)
    {
        ArgumentNullException.ThrowIfNull(step);
        LlmMetrics.RecordFallback(step.Name, reason);
    }

    private async Task<(LlmOutcome Outcome, ChatResponse? Value)> CallAsync(LlmStep step, IReadOnlyList<ChatMessage> prompt, ChatOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        var tagged = options.Clone();
        tagged.AdditionalProperties = new AdditionalPropertiesDictionary(options.AdditionalProperties ?? []) { [LlmPolicyChatClient.StepKey] = step };
        try
        {
            return (LlmOutcome.Ok, await _pipeline.GetResponseAsync(prompt, tagged, cancellationToken).ConfigureAwait(false));
        }
        catch (LlmCallException exception)
        {
            LlmMetrics.RecordFallback(step.Name, LlmMetrics.Name(exception.Outcome));
            return (exception.Outcome, null);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1707, Level = LogLevel.Warning, Message = "The LLM's reply to step {Step} ({Length} characters) was not JSON of {Type}; the step takes its embedded path")]
        public static partial void InvalidReply(ILogger logger, string step, string type, int length);
    }
}
