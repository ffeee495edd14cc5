using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Evaluation;

/// <summary>The retrieval configurations the eval command knows, each derived from the product's configured default.</summary>
public static class EvaluationConfigs
{
    /// <summary>The product default's name.</summary>
    public const string Default = "hybrid";

    /// <summary>Every configuration, the default included, derived from <paramref name="product"/> (the configured retrieval options).</summary>
    public static IReadOnlyList<EvaluationConfig> All(RetrievalOptions product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return
        [
            new("keyword", "BM25 alone (Lucene; title, heading and text in one field)", With(product, o => (o.VectorWeight, o.Reranker) = (0, RerankerKind.None))),
            new("vector", "MiniLM dense retrieval alone (exact search), whatever the language", With(product, o => (o.KeywordWeight, o.CjkVectorWeightFactor, o.Reranker) = (0, 1, RerankerKind.None))),
            new("hybrid-rrf", "both routes, weighted reciprocal-rank fusion (k from the settings)", With(product, o => (o.Fusion, o.Reranker) = (FusionMethod.Rrf, RerankerKind.None))),
            new("hybrid-minmax", "both routes, min-max normalised scores, convex weights, no reranker", With(product, o => (o.Fusion, o.Reranker) = (FusionMethod.MinMax, RerankerKind.None))),
            new(Default, "the product default, as configured (fusion, weights, language-aware vector weight)", With(product, _ => { })),
        ];
    }

    private static RetrievalOptions With(RetrievalOptions product, Action<RetrievalOptions> change)
    {
        var copy = new RetrievalOptions
        {
            CandidatesPerRoute = product.CandidatesPerRoute,
            Fusion = product.Fusion,
            RrfK = product.RrfK,
            VectorWeight = product.VectorWeight,
            KeywordWeight = product.KeywordWeight,
            CjkVectorWeightFactor = product.CjkVectorWeightFactor,
            Reranker = product.Reranker,
            RerankDepth = product.RerankDepth,
            MaxPassages = product.MaxPassages,
            ContextTokens = product.ContextTokens,
        };
        change(copy);
        return copy;
    }
}
