using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Assistant.Bot.Hosting;

/// <summary>
/// The host's one <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="System.Diagnostics.Metrics.Meter"/>
/// (channel turns, votes, the work queue). OpenTelemetry subscribes to both by <see cref="Name"/>.
/// </summary>
/// <remarks>No question, answer or document text in spans, tags or metrics: ids, counts, kinds and timings only.</remarks>
internal static class BotTelemetry
{
    /// <summary>The name of the source and the meter.</summary>
    public const string Name = "Assistant.Bot";

    /// <summary>Every host span starts here.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Every host metric is created on this meter.</summary>
    public static readonly Meter Meter = new(Name);
}
