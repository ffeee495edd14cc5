using System.Diagnostics.Metrics;
using Assistant.Bot.Hosting;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Channels;

/// <summary>The channel metrics, on <see cref="BotTelemetry.Meter"/>. Tags are channel names, kinds and outcomes only.</summary>
internal static class ChannelMetrics
{
    private static readonly Histogram<double> TurnDuration = BotTelemetry.Meter.CreateHistogram<double>(
        "assistant.turn.duration", "ms", "Time from a turn's start to its answer being sent, by channel and answer kind.");

    private static readonly Counter<long> Turns = BotTelemetry.Meter.CreateCounter<long>(
        "assistant.turns", description: "Turns handled, by channel and outcome (answered, not_ready, failed).");

    private static readonly Counter<long> RecordFailures = BotTelemetry.Meter.CreateCounter<long>(
        "assistant.answers.record_failures", description: "Answers sent that the feedback store could not record, by channel.");

    private static readonly Counter<long> Votes = BotTelemetry.Meter.CreateCounter<long>(
        "assistant.votes", description: "Votes received, by channel and outcome (recorded, unknown_answer, store_unavailable).");

    private static readonly Counter<long> Refused = BotTelemetry.Meter.CreateCounter<long>(
        "assistant.queue.refused", description: "Work refused by the channel queue, by channel and reason (full, closed).");

    private static readonly Counter<long> Abandoned = BotTelemetry.Meter.CreateCounter<long>(
        "assistant.queue.abandoned", description: "Accepted work given up at shutdown (its dedupe claim released), by channel.");

    /// <summary>Publishes the queue's depth as an observable gauge.</summary>
    public static void ObserveQueue(ChannelWorkQueue queue) =>
        BotTelemetry.Meter.CreateObservableGauge("assistant.queue.depth", () => queue.Count, description: "Channel work accepted and not finished.");

    public static void TurnAnswered(string channel, AnswerKind kind, double milliseconds)
    {
        TurnDuration.Record(milliseconds, new("channel", channel), new("kind", kind.ToString()));
        Turns.Add(1, new("channel", channel), new("outcome", "answered"));
    }

    public static void TurnNotAnswered(string channel, string outcome) => Turns.Add(1, new("channel", channel), new("outcome", outcome));

    public static void RecordFailed(string channel) => RecordFailures.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public static void Vote(string channel, VoteOutcome outcome) => Votes.Add(1, new("channel", channel), new("outcome", outcome.ToString()));

    public static void QueueRefused(string channel, EnqueueResult reason) => Refused.Add(1, new("channel", channel), new("reason", reason.ToString()));

    public static void QueueAbandoned(string channel) => Abandoned.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
