namespace Assistant.Rag.Retrieval;

/// <summary>The feature reranker's weights, one per <see cref="RerankFeatures.Names"/> entry.</summary>
public static class RerankerWeights
{
    /// <summary>
    /// Placeholder until fitted: the fused score alone (the reranker then keeps the fused order).
    /// </summary>
    public static readonly IReadOnlyList<double> Default = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
}
