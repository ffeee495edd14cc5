using Assistant.Rag.Feedback;

namespace Assistant.Rag.Generation;

/// <summary>One retrieved chunk behind an answer, kept so that votes on the answer can be traced to what was ranked.</summary>
/// <param name="ChunkId">The chunk.</param>
/// <param name="DocumentId">Its document.</param>
/// <param name="Rank">Its rank in the fused ranking, from 1.</param>
/// <param name="Route">The route that ranked it best ("vector", "keyword", …).</param>
/// <param name="RouteRanks">Its rank (from 1) in each route that found it.</param>
/// <param name="Score">Its fused score, after any feedback adjustment.</param>
/// <param name="Citation">The citation number it was cited under, or 0 when it was retrieved but not cited.</param>
/// <param name="Feedback">The feedback adjustment applied to it, or null when votes did not touch it.</param>
public sealed record AnswerEvidence(
    string ChunkId,
    string DocumentId,
    int Rank,
    string Route,
    IReadOnlyDictionary<string, int> RouteRanks,
    double Score,
    int Citation,
    FeedbackAdjustment? Feedback = null);
