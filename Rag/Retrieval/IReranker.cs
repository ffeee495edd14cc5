namespace Assistant.Rag.Retrieval;

/// <summary>
/// A second ranking stage over the fused hits: reorders the head of the list with evidence fusion alone does not use.
/// </summary>
/// <remarks>Implementations are thread-safe. A reranker that cannot do its work (a failed LLM call) returns the hits
/// in their fused order rather than throwing; only cancellation is thrown.</remarks>
public interface IReranker
{
    /// <summary>Which <see cref="RetrievalOptions.Reranker"/> setting selects this reranker.</summary>
    RerankerKind Kind { get; }

    /// <summary>
    /// <paramref name="hits"/> (fused order, best first) with the first <paramref name="depth"/> reordered; the rest
    /// follow in their order. Every hit is returned once, with scores that decrease down the list.
    /// </summary>
    Task<IReadOnlyList<FusedHit>> RerankAsync(string question, IReadOnlyList<FusedHit> hits, int depth, CancellationToken cancellationToken = default);
}
