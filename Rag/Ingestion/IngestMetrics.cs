using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Assistant.Rag.Ingestion;

/// <summary>The ingestion pipeline's instruments on <see cref="RagTelemetry.Meter"/>, tagged by source name and outcome.</summary>
internal static class IngestMetrics
{
    private const string SourceTag = "assistant.ingest.source";
    private const string OutcomeTag = "assistant.ingest.outcome";

    /// <summary>Documents an ingest handled: added, updated, unchanged or removed.</summary>
    public static readonly Counter<long> Documents = RagTelemetry.Meter.CreateCounter<long>(
        "assistant.ingest.documents",
        unit: "{document}",
        description: "Documents handled by ingestion, by source and outcome (added, updated, unchanged, removed).");

    /// <summary>Chunks an ingest wrote, and of those the ones embedded now or reused from the catalog.</summary>
    public static readonly Counter<long> Chunks = RagTelemetry.Meter.CreateCounter<long>(
        "assistant.ingest.chunks",
        unit: "{chunk}",
        description: "Chunks written by ingestion, by source and outcome (indexed; of the distinct texts, embedded or reused).");

    /// <summary>Adds one ingest's counts (zeros are left out) and puts them on <paramref name="activity"/>.</summary>
    public static void Record(string source, IngestResult result, Activity? activity)
    {
        Add(Documents, source, "added", result.Added, activity);
        Add(Documents, source, "updated", result.Updated, activity);
        Add(Documents, source, "unchanged", result.Unchanged, activity);
        Add(Documents, source, "removed", result.Removed, activity);
        Add(Chunks, source, "indexed", result.Chunks, activity);
        Add(Chunks, source, "embedded", result.ChunksEmbedded, activity);
        Add(Chunks, source, "reused", result.ChunksReused, activity);
    }

    private static void Add(Counter<long> counter, string source, string outcome, int count, Activity? activity)
    {
        activity?.SetTag($"{counter.Name}.{outcome}", count);
        if (count > 0)
        {
            counter.Add(count, new KeyValuePair<string, object?>(SourceTag, source), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        }
    }
}
