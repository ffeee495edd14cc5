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

    /// <summary>
    /// Marks <paramref name="activity"/> failed with the exception's type (never its message, which may quote text) and
    /// returns false, so it can sit in an exception filter and let the exception go on unchanged.
    /// </summary>
    internal static bool Failed(Activity? activity, Exception exception)
    {
        if (activity is not null && exception is not OperationCanceledException)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag("error.type", exception.GetType().FullName);
        }

        return false;
    }
}
