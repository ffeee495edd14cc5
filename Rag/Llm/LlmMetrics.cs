using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Assistant.Rag.Llm;

/// <summary>The call policy's instruments, on <see cref="RagTelemetry.Meter"/>. Tags are step names, outcomes and reasons; never text.</summary>
internal static class LlmMetrics
{
    /// <summary>Tag naming the step.</summary>
    public const string StepTag = "assistant.llm.step";

    /// <summary>Tag naming the outcome of a call: ok, failed, timeout, over-budget.</summary>
    public const string OutcomeTag = "assistant.llm.outcome";

    /// <summary>Tag naming why a step fell back.</summary>
    public const string ReasonTag = "assistant.llm.fallback.reason";

    /// <summary>Tag telling input from output tokens.</summary>
    public const string TokenTypeTag = "assistant.llm.token.type";

    public static readonly Counter<long> Calls = RagTelemetry.Meter.CreateCounter<long>("assistant.llm.calls", "{call}", "LLM calls by step and outcome.");

    public static readonly Counter<long> Tokens = RagTelemetry.Meter.CreateCounter<long>("assistant.llm.tokens", "{token}", "LLM tokens by step and type (input, output).");

    public static readonly Counter<long> Fallbacks = RagTelemetry.Meter.CreateCounter<long>("assistant.llm.fallbacks", "{fallback}", "LLM steps that took their embedded path, by step and reason.");

    public static readonly Histogram<double> Duration = RagTelemetry.Meter.CreateHistogram<double>("assistant.llm.call.duration", "s", "Duration of LLM calls, retries included, by step.");

    /// <summary>The metric and tag value of <paramref name="outcome"/>.</summary>
    public static string Name(LlmOutcome outcome) => outcome switch
    {
        LlmOutcome.Ok => "ok",
        LlmOutcome.Failed => "failed",
        LlmOutcome.TimedOut => "timeout",
        LlmOutcome.OverBudget => "over-budget",
        LlmOutcome.InvalidReply => "invalid-reply",
        _ => "unavailable",
    };

    public static void RecordCall(string step, LlmOutcome outcome, TimeSpan duration)
    {
        var tags = new TagList { { StepTag, step }, { OutcomeTag, Name(outcome) } };
        Calls.Add(1, tags);
        Duration.Record(duration.TotalSeconds, tags);
    }

    public static void RecordTokens(string step, long input, long output)
    {
        Tokens.Add(input, new TagList { { StepTag, step }, { TokenTypeTag, "input" } });
        Tokens.Add(output, new TagList { { StepTag, step }, { TokenTypeTag, "output" } });
    }

    public static void RecordFallback(string step, string reason) =>
        Fallbacks.Add(1, new TagList { { StepTag, step }, { ReasonTag, reason } });
}
