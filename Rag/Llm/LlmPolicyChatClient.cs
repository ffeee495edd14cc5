using System.Diagnostics;
using Assistant.Rag.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Llm;

/// <summary>
/// The outer layer of the call policy: per call, a span tagged with the step, the step's deadline over all attempts,
/// the call and token metrics, one log line for a call that did not reply, and translation of every failure into
/// <see cref="LlmCallException"/>. The step comes with the options (<see cref="StepKey"/>), set by <see cref="LlmCalls"/>.
/// </summary>
/// <remarks>Thread-safe. Prompt and reply text are logged at Trace only and never go into spans or metrics.</remarks>
internal sealed partial class LlmPolicyChatClient : DelegatingChatClient
{
    /// <summary>The key of <see cref="ChatOptions.AdditionalProperties"/> that carries the <see cref="LlmStep"/> (the OpenAI connector sends no unknown keys).</summary>
    public const string StepKey = "assistant.llm.step";

    private readonly ITokenCounter _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public LlmPolicyChatClient(IChatClient inner, ITokenCounter tokens, TimeProvider time, ILogger logger)
        : base(inner)
    {
        _tokens = tokens;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var step = options?.AdditionalProperties?.TryGetValue(StepKey, out var value) == true && value is LlmStep named ? named : new LlmStep("unnamed", Timeout.InfiniteTimeSpan);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        using var activity = RagTelemetry.ActivitySource.StartActivity("llm " + step.Name, ActivityKind.Client);
        activity?.SetTag(LlmMetrics.StepTag, step.Name);
        var started = _time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (step.Timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(step.Timeout);
        }

        LlmOutcome outcome;
        Exception? failure;
        try
        {
            Log.Prompt(_logger, step.Name, list.Count > 0 ? list[^1].Text : string.Empty);
            var response = await base.GetResponseAsync(list, options, deadline.Token).ConfigureAwait(false);
            var (input, output) = LlmTokens.Of(_tokens, list, response);
            Finish(activity, step, LlmOutcome.Ok, started);
            activity?.SetTag("assistant.llm.tokens.input", input);
            activity?.SetTag("assistant.llm.tokens.output", output);
            LlmMetrics.RecordTokens(step.Name, input, output);
            Log.Replied(_logger, step.Name, _time.GetElapsedTime(started).TotalMilliseconds, input, output);
            Log.Reply(_logger, step.Name, response.Text);
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up (the turn was cancelled): not an outcome of the LLM, so not counted as one.
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw;
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested)
        {
            (outcome, failure) = (LlmOutcome.TimedOut, exception);
            Log.TimedOut(_logger, step.Name, step.Timeout.TotalSeconds);
        }
        catch (TimeoutException exception)
        {
            (outcome, failure) = (LlmOutcome.TimedOut, exception);
            Log.TimedOut(_logger, step.Name, step.Timeout.TotalSeconds);
        }
        catch (LlmBudgetExceededException exception)
        {
            (outcome, failure) = (LlmOutcome.OverBudget, exception);
            Log.OverBudget(_logger, step.Name, LlmTurnBudget.Current?.Remaining ?? 0);
        }
        catch (Exception exception)
        {
            (outcome, failure) = (LlmOutcome.Failed, exception);
            Log.Failed(_logger, step.Name, exception.GetType().Name, RetryingChatClient.StatusOf(exception));
        }

        Finish(activity, step, outcome, started, failure.GetType().Name);
        throw new LlmCallException(step.Name, outcome, failure);
    }

    private void Finish(Activity? activity, LlmStep step, LlmOutcome outcome, long started, string? error = null)
    {
        LlmMetrics.RecordCall(step.Name, outcome, _time.GetElapsedTime(started));
        activity?.SetTag(LlmMetrics.OutcomeTag, LlmMetrics.Name(outcome));
        if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "The LLM did not answer step {Step} within {Seconds} s; the step takes its embedded path")]
        public static partial void TimedOut(ILogger logger, string step, double seconds);

        [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "The LLM call of step {Step} failed ({ErrorType}, status {Status}); the step takes its embedded path")]
        public static partial void Failed(ILogger logger, string step, string errorType, int status);

        [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "The turn's LLM token budget cannot fit step {Step} ({Remaining} tokens left); the step takes its embedded path")]
        public static partial void OverBudget(ILogger logger, string step, int remaining);

        [LoggerMessage(EventId = 1703, Level = LogLevel.Debug, Message = "LLM step {Step} replied in {Milliseconds:F0} ms ({Input} tokens in, {Output} out)")]
        public static partial void Replied(ILogger logger, string step, double milliseconds, long input, long output);

        [LoggerMessage(EventId = 1704, Level = LogLevel.Trace, Message = "LLM step {Step} asked: {Text}")]
        public static partial void Prompt(ILogger logger, string step, string text);

        [LoggerMessage(EventId = 1705, Level = LogLevel.Trace, Message = "LLM step {Step} replied: {Text}")]
        public static partial void Reply(ILogger logger, string step, string text);
    }
}
