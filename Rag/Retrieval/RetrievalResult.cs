using Assistant.Rag.Generation;

namespace Assistant.Rag.Retrieval;

/// <summary>What retrieval found for one question.</summary>
/// <param name="Passages">Evidence for the answer, best first, within the context budget.</param>
/// <param name="Hits">The fused chunk ranking the passages came from (for evaluation and feedback).</param>
/// <param name="Routes">The routes that ran, with their weights and hit counts.</param>
/// <param name="QueryEmbedding">The question's embedding (empty when the vector route did not run).</param>
/// <param name="Language">Detected language of the question.</param>
public sealed record RetrievalResult(
    IReadOnlyList<Passage> Passages,
    IReadOnlyList<FusedHit> Hits,
    IReadOnlyList<RouteUse> Routes,
    ReadOnlyMemory<float> QueryEmbedding,
    string Language)
{
    /// <summary>
    /// What the structured routes the router chose (sql, graph) made of the question: tables or declines. Empty when none
    /// ran (none is registered, the router chose none, or the request left them out).
    /// </summary>
    public IReadOnlyList<StructuredEvidence> Structured { get; init; } = [];
}
