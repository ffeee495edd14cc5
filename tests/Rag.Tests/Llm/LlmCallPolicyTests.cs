using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Assistant.Rag.Generation;
using Assistant.Rag.Llm;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Tests.Llm;

/// <summary>
/// The one LLM call policy every step goes through: retries on transient failures only, timeouts of the step and of one
/// attempt, the turn's budget, structured replies, and the metrics and spans it records.
/// </summary>
public sealed class LlmCallPolicyTests
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.System, "You answer briefly."), new(ChatRole.User, "How often are laptops replaced?")];

    [Fact]
    public async Task A503IsRetriedAndTheSecondAttemptsReplyIsUsed()
    {
        // Arrange: the real OpenAI connector (one attempt per call) against a stub that is unavailable once.
        var calls = 0;
        await using var server = new OpenAiStubServer(_ => Interlocked.Increment(ref calls) == 1 ? (503, "overloaded") : (200, "Every four years."));
        var llm = TestLlm.Calls(OpenAiClientFactory.Chat(Endpoint(server)), Endpoint(server));

        // Act
        var reply = await llm.AskAsync(Step(), Prompt, new ChatOptions());

        // Assert
        Assert.Equal(LlmOutcome.Ok, reply.Outcome);
        Assert.Equal("Every four years.", reply.Value);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A400IsNotRetriedAndTheStepFallsBack()
    {
        // Arrange
        await using var server = new OpenAiStubServer(_ => (400, "invalid request"));
        var llm = TestLlm.Calls(OpenAiClientFactory.Chat(Endpoint(server)), Endpoint(server));

        // Act
        var reply = await llm.AskAsync(Step(), Prompt, new ChatOptions());

        // Assert
        Assert.Equal(LlmOutcome.Failed, reply.Outcome);
        Assert.Null(reply.Value);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ARetryAfterLongerThanThePolicyWaitsEndsTheCallAtOnce()
    {
        // Arrange: the endpoint asks for a minute's pause; the policy waits at most 30 s, so it gives up instead.
        await using var server = new OpenAiStubServer(_ => (429, "slow down"));
        server.ResponseHeaders["Retry-After"] = "60";
        var llm = TestLlm.Calls(OpenAiClientFactory.Chat(Endpoint(server)), Endpoint(server));

        // Act
        var reply = await llm.AskAsync(Step(), Prompt, new ChatOptions());

        // Assert
        Assert.Equal(LlmOutcome.Failed, reply.Outcome);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A429IsRetriedButOtherClientErrorsAreNot()
    {
        // Arrange
        var limited = ScriptedChatClient.Failing(new HttpRequestException("rate limited", null, HttpStatusCode.TooManyRequests));
        var unauthorised = ScriptedChatClient.Failing(new HttpRequestException("unauthorised", null, HttpStatusCode.Unauthorized));

        // Act
        var first = await TestLlm.Calls(limited, TestLlm.Options(maxRetries: 2)).AskAsync(Step(), Prompt, new ChatOptions());
        var second = await TestLlm.Calls(unauthorised, TestLlm.Options(maxRetries: 2)).AskAsync(Step(), Prompt, new ChatOptions());

        // Assert
        Assert.Equal((LlmOutcome.Failed, 3), (first.Outcome, limited.Requests.Count));
        Assert.Equal((LlmOutcome.Failed, 1), (second.Outcome, unauthorised.Requests.Count));
    }

    [Fact]
    public async Task AStepThatRunsOutOfTimeFallsBackAsTimedOut()
    {
        // Arrange
        var chat = ScriptedChatClient.Hanging();

        // Act
        var reply = await TestLlm.Calls(chat).AskAsync(new LlmStep("slow", TimeSpan.FromSeconds(1)), Prompt, new ChatOptions());

        // Assert
        Assert.Equal(LlmOutcome.TimedOut, reply.Outcome);
        Assert.Single(chat.Requests);
    }

    [Fact]
    public async Task AnAttemptThatTimesOutIsRetriedWithinTheStepsTime()
    {
        // Arrange: each attempt may take 1 s, the step 20 s; the first attempt hangs, the second replies.
        var attempts = 0;
        var chat = new ScriptedChatClient(async (_, token) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            return "Every four years.";
        });

        // Act
        var reply = await TestLlm.Calls(chat, TestLlm.Options(timeoutSeconds: 1)).AskAsync(Step(), Prompt, new ChatOptions());

        // Assert
        Assert.Equal(("Every four years.", 2), (reply.Value, chat.Requests.Count));
    }

    [Fact]
    public async Task TheCallersCancellationIsThrownNotTurnedIntoAnOutcome()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Act and assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestLlm.Calls(ScriptedChatClient.Hanging()).AskAsync(Step(), Prompt, new ChatOptions(), cancellation.Token));
    }

    [Fact]
    public async Task WhenTheTurnsBudgetIsSpentTheCallIsNotMade()
    {
        // Arrange: a turn of 256 tokens, a prompt of several hundred.
        var chat = ScriptedChatClient.Replying("ok");
        var options = TestLlm.Options();
        options.MaxTokensPerTurn = 256;
        var llm = TestLlm.Calls(chat, options);
        var longPrompt = new[] { new ChatMessage(ChatRole.User, string.Join(' ', Enumerable.Repeat("laptop replacement policy", 150))) };

        // Act
        LlmReply<string> reply;
        using (llm.BeginTurn())
        {
            reply = await llm.AskAsync(Step(), longPrompt, new ChatOptions());
        }

        // Assert
        Assert.Equal(LlmOutcome.OverBudget, reply.Outcome);
        Assert.Empty(chat.Requests);
    }

    [Fact]
    public async Task WithoutAnLlmNothingIsCalledAndNothingCountsAsAFallback()
    {
        // Arrange
        var step = Step();
        using var metrics = new MetricsRecorder();

        // Act
        var reply = await TestLlm.Calls(null).AskAsync(step, Prompt, new ChatOptions());

        // Assert
        Assert.Equal(LlmOutcome.Unavailable, reply.Outcome);
        Assert.DoesNotContain(metrics.Measurements, m => m.Step == step.Name);
    }

    [Fact]
    public async Task CallsTokensDurationsAndFallbacksAreCountedByStepAndOutcome()
    {
        // Arrange
        var ok = Step();
        var slow = new LlmStep(Step().Name, TimeSpan.FromSeconds(1));
        var chat = ScriptedChatClient.Replying("Every four years.");
        chat.Usage = new UsageDetails { InputTokenCount = 120, OutputTokenCount = 7, TotalTokenCount = 127 };
        using var metrics = new MetricsRecorder();

        // Act
        await TestLlm.Calls(chat).AskAsync(ok, Prompt, new ChatOptions());
        await TestLlm.Calls(ScriptedChatClient.Hanging()).AskAsync(slow, Prompt, new ChatOptions());

        // Assert
        Assert.Equal(1, metrics.Sum("assistant.llm.calls", ok.Name, (LlmMetrics.OutcomeTag, "ok")));
        Assert.Equal(120, metrics.Sum("assistant.llm.tokens", ok.Name, (LlmMetrics.TokenTypeTag, "input")));
        Assert.Equal(7, metrics.Sum("assistant.llm.tokens", ok.Name, (LlmMetrics.TokenTypeTag, "output")));
        Assert.Single(metrics.Measurements, m => m.Instrument == "assistant.llm.call.duration" && m.Step == ok.Name);
        Assert.Equal(0, metrics.Sum("assistant.llm.fallbacks", ok.Name));
        Assert.Equal(1, metrics.Sum("assistant.llm.calls", slow.Name, (LlmMetrics.OutcomeTag, "timeout")));
        Assert.Equal(1, metrics.Sum("assistant.llm.fallbacks", slow.Name, (LlmMetrics.ReasonTag, "timeout")));
    }

    [Fact]
    public async Task EachCallIsASpanTaggedWithItsStepAndNoText()
    {
        // Arrange
        var step = Step();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RagTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // Act
        await TestLlm.Calls(ScriptedChatClient.Replying("Every four years.")).AskAsync(step, Prompt, new ChatOptions());

        // Assert
        var span = Assert.Single(spans, s => Equals(s.GetTagItem(LlmMetrics.StepTag), step.Name));
        Assert.Equal("ok", span.GetTagItem(LlmMetrics.OutcomeTag));
        Assert.DoesNotContain(span.TagObjects, t => t.Value is string text && (text.Contains("laptops", StringComparison.OrdinalIgnoreCase) || text.Contains("four years", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AStructuredReplyIsAskedForWithTheTypesJsonSchemaOverHttpAndParsed()
    {
        // Arrange
        await using var server = new OpenAiStubServer(_ => (200, """{"years": 4, "source": "Laptop replacement"}"""));
        var llm = TestLlm.Calls(OpenAiClientFactory.Chat(Endpoint(server)), Endpoint(server));

        // Act
        var reply = await llm.AskAsync<ReplacementReply>(Step(), Prompt, new ChatOptions());

        // Assert
        Assert.Equal(new ReplacementReply(4, "Laptop replacement"), reply.Value);
        var format = Assert.Single(server.Requests).Body["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var properties = format["json_schema"]!["schema"]!["properties"]!.AsObject();
        Assert.Equal(["years", "source"], properties.Select(p => p.Key));
    }

    [Theory]
    [InlineData("```json\n{\"years\": 4, \"source\": \"Laptop replacement\"}\n```", true)]
    [InlineData("{\"years\": \"4\", \"source\": \"Laptop replacement\"}", false)]
    [InlineData("{\"years\": 4}", false)]
    [InlineData("Four years, says the laptop policy.", false)]
    public async Task AFencedReplyIsReadButOneOfTheWrongShapeIsAnInvalidReply(string text, bool valid)
    {
        // Act
        var reply = await TestLlm.Calls(ScriptedChatClient.Replying(text)).AskAsync<ReplacementReply>(Step(), Prompt, new ChatOptions());

        // Assert
        Assert.Equal(valid ? LlmOutcome.Ok : LlmOutcome.InvalidReply, reply.Outcome);
    }

    // A step name of its own per test, so measurements of tests running in parallel do not mix.
    private static LlmStep Step() => new("test-" + Guid.NewGuid().ToString("N")[..8], TimeSpan.FromSeconds(20));

    private static LlmOptions Endpoint(OpenAiStubServer server)
    {
        var options = TestLlm.Options();
        options.Endpoint = server.BaseUrl;
        return options;
    }

    internal sealed record ReplacementReply(int Years, string Source);

    private sealed class MetricsRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();

        public MetricsRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RagTelemetry.Name && instrument.Name.StartsWith("assistant.llm.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        public ConcurrentQueue<(string Instrument, string? Step, double Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

        public double Sum(string instrument, string step, params (string Key, string Value)[] tags) => Measurements
            .Where(m => m.Instrument == instrument && m.Step == step && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value)))
            .Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                all[tag.Key] = tag.Value;
            }

            Measurements.Enqueue((instrument.Name, all.GetValueOrDefault(LlmMetrics.StepTag) as string, value, all));
        }
    }
}
