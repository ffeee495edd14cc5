using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Assistant.Rag;

/// <summary>
/// The engine's one <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="System.Diagnostics.Metrics.Meter"/>.
/// The host subscribes to both by <see cref="Name"/> (OpenTelemetry); without a listener they cost next to nothing.
/// </summary>
/// <remarks>
/// Question and document text never go into spans, tags or metrics: only ids, counts, kinds, route names and timings.
/// </remarks>
public static class RagTelemetry
{
    /// <summary>The name of the source and the meter.</summary>
    public const string Name = "Assistant.Rag";

    /// <summary>Every engine span starts here.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Every engine metric is created on this meter.</summary>
    public static readonly Meter Meter = new(Name);
}
