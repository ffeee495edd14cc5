using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Evaluation;

/// <summary>The retrieval configurations the eval command knows, each derived from the product's configured default.</summary>
public static class EvaluationConfigs
{
    /// <summary>The product default's name.</summary>
    public const string Default = "hybrid";

    /// <summary>The vector route's shares of the convex weight tried by the weight grid (keyword gets the rest).</summary>
    public static IReadOnlyList<double> GridVectorShares { get; } = [0.3, 0.4, 0.6, 0.7];

    /// <summary>
    /// The tunable choices among which cross-validation chooses (<see cref="CrossValidation"/>): every configuration that
    /// fuses both routes, routed or not, at any weight; not the single routes, two-level search or LLM expansion.
    /// </summary>
    public static bool IsTunableHybrid(string name) =>
        name == Default || (name.StartsWith("hybrid-", StringComparison.Ordinal) && name != "hybrid-two-level");

    /// <summary>The configurations that switch on one LLM query-expansion step each; they need an LLM.</summary>
    public static IReadOnlyList<string> NeedingLlm { get; } = ["multi-query", "step-back", "hyde"];

    /// <summary>
    /// Every configuration, the default included, derived from <paramref name="product"/> (the configured retrieval options)
    /// and <paramref name="expansion"/> (the configured query expansion switches). The fixed ones (keyword, vector,
    /// hybrid-rrf, hybrid-minmax, hybrid-zscore) run their routes for every question; the default and the expansion
    /// configurations are routed as the product is. The expansion configurations (<see cref="NeedingLlm"/>) are the default
    /// with one switch on; they are listed only when <paramref name="llmAvailable"/>. With <paramref name="twoLevelDocuments"/>
    /// above 0, vector-two-level and hybrid-two-level are vector and the default with two-level vector search over that many documents.
    /// </summary>
    public static IReadOnlyList<EvaluationConfig> All(RetrievalOptions product, QueryExpansionOptions? expansion = null, bool llmAvailable = false, int twoLevelDocuments = 0)
    {
        ArgumentNullException.ThrowIfNull(product);
        var configured = expansion ?? QueryExpansionOptions.Off;
        var all = new List<EvaluationConfig>
        {
            new("keyword", "BM25 alone (Lucene; title, heading and text in one field)", With(product, o => (o.VectorWeight, o.Reranker) = (0, RerankerKind.None))),
            new("vector", "MiniLM dense retrieval alone (exact search), whatever the language", With(product, o => (o.KeywordWeight, o.CjkVectorWeightFactor, o.Reranker) = (0, 1, RerankerKind.None))),
            new("hybrid-rrf", "both routes for every question, weighted reciprocal-rank fusion (k from the settings)", With(product, o => (o.Fusion, o.Reranker) = (FusionMethod.Rrf, RerankerKind.None))),
            new("hybrid-minmax", "both routes for every question, min-max normalised scores, convex weights, no reranker", With(product, o => (o.Fusion, o.Reranker) = (FusionMethod.MinMax, RerankerKind.None))),
            new("hybrid-zscore", "both routes for every question, z-score normalised scores (a missed id at the route's lowest), convex weights, no reranker", With(product, o => (o.Fusion, o.Reranker) = (FusionMethod.ZScore, RerankerKind.None))),
            new(Default, "the product default, as configured (intent router, fusion, weights, language-aware vector weight, query expansion)", With(product, _ => { }), Routed: true, configured.Clone()),
        };
        foreach (var share in GridVectorShares)
        {
            var name = share.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            all.Add(new($"hybrid-minmax-v{name}", $"both routes, min-max, vector {name} : keyword {1 - share:0.0}", With(product, o => (o.Fusion, o.VectorWeight, o.KeywordWeight, o.Reranker) = (FusionMethod.MinMax, share, 1 - share, RerankerKind.None))));
            all.Add(new($"hybrid-zscore-v{name}", $"both routes, z-score, vector {name} : keyword {1 - share:0.0}", With(product, o => (o.Fusion, o.VectorWeight, o.KeywordWeight, o.Reranker) = (FusionMethod.ZScore, share, 1 - share, RerankerKind.None))));
        }

        if (twoLevelDocuments > 0)
        {
            all.Add(new("vector-two-level", $"vector alone, searching only the chunks of the {twoLevelDocuments} documents whose mean embedding is nearest", With(product, o => (o.KeywordWeight, o.CjkVectorWeightFactor, o.Reranker) = (0, 1, RerankerKind.None)), TwoLevelDocuments: twoLevelDocuments));
            all.Add(new("hybrid-two-level", $"the product default with the vector route searching only the chunks of the {twoLevelDocuments} nearest documents", With(product, _ => { }), Routed: true, configured.Clone(), twoLevelDocuments));
        }

        if (llmAvailable)
        {
            all.Add(new("multi-query", "the default plus RAG-Fusion: LLM rephrasings searched too, fused with RRF", With(product, _ => { }), Routed: true, Only(configured, e => e.MultiQuery = true)));
            all.Add(new("step-back", "the default plus step-back prompting for why/how questions", With(product, _ => { }), Routed: true, Only(configured, e => e.StepBack = true)));
            all.Add(new("hyde", "the default plus query-time HyDE: a hypothetical answer's embedding joins the question's", With(product, _ => { }), Routed: true, Only(configured, e => e.Hyde = true)));
        }

        return all;
    }

    private static QueryExpansionOptions Only(QueryExpansionOptions configured, Action<QueryExpansionOptions> change)
    {
        var copy = configured.Clone();
        (copy.MultiQuery, copy.StepBack, copy.Hyde) = (false, false, false);
        change(copy);
        return copy;
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
