using Assistant.Rag.Feedback;

namespace Assistant.Rag.Retrieval;

/// <summary>A chunk after fusion: its fused score and its rank (from 1) in each route that found it.</summary>
public sealed record FusedHit(string ChunkId, double Score, IReadOnlyDictionary<string, int> RouteRanks)
{
    /// <summary>What feedback did to <see cref="Score"/>; null when votes did not touch this chunk.</summary>
    public FeedbackAdjustment? Feedback { get; init; }
}
