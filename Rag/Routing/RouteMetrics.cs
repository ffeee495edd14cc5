using System.Diagnostics.Metrics;

namespace Assistant.Rag.Routing;

/// <summary>The retrieval routes' instruments on <see cref="RagTelemetry.Meter"/>; tags are route names and outcomes only.</summary>
internal static class RouteMetrics
{
    /// <summary>Tag naming the route ("vector", "keyword", "graph", "sql").</summary>
    public const string RouteTag = "assistant.route.name";

    /// <summary>Tag naming how a search ended: ok, failed or timeout.</summary>
    public const string OutcomeTag = "assistant.route.outcome";

    /// <summary>Time one route's search took, budget overruns included (they end at the budget).</summary>
    public static readonly Histogram<double> Duration = RagTelemetry.Meter.CreateHistogram(
        "assistant.route.duration",
        unit: "s",
        description: "Duration of one retrieval route's search, by route and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    /// <summary>Searches left out of an answer because the route threw or overran its budget.</summary>
    public static readonly Counter<long> Failures = RagTelemetry.Meter.CreateCounter<long>(
        "assistant.route.failures",
        unit: "{search}",
        description: "Route searches that failed or overran their budget and were left out of the answer, by route and outcome.");
}
