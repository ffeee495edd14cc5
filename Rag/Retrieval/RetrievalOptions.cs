using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Retrieval;

/// <summary>How routes are searched and fused (configuration section "Rag:Retrieval").</summary>
public sealed class RetrievalOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag:Retrieval";

    /// <summary>Hits taken from each route before fusion.</summary>
    [Range(1, 1000)]
    public int CandidatesPerRoute { get; set; } = 50;

    /// <summary>
    /// How the routes' rankings are combined. Z-score by default, chosen by 5-fold cross-validation on SciFact train
    /// (eval command, out-of-fold nDCG@10): z-score 0.738, min-max 0.736, weighted RRF 0.716, and no convex weight other
    /// than 1 : 1 better (0.3–0.7 vector share: 0.722–0.737); on SciFact's test split the issue measured z-score 0.728
    /// against min-max 0.725. On CMRC 2018 all three are equal (Chinese questions run BM25 alone).
    /// </summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.ZScore;

    /// <summary>The k of reciprocal-rank fusion: 1 / (k + rank).</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 60;

    /// <summary>Fusion weight of the vector route.</summary>
    [Range(0.0, 10.0)]
    public double VectorWeight { get; set; } = 1.0;

    /// <summary>Fusion weight of the keyword route.</summary>
    [Range(0.0, 10.0)]
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>
    /// Multiplier on the vector weight for Chinese and Japanese questions. The default model is English-only: on the
    /// CMRC 2018 dev set its ranking scores nDCG@10 0.16 against BM25's 0.97, and even at a tenth of BM25's weight it
    /// pulls the fused ranking below BM25 alone, so by default it is left out (0). Raise it with a multilingual model.
    /// </summary>
    [Range(0.0, 1.0)]
    public double CjkVectorWeightFactor { get; set; }

    /// <summary>
    /// The second ranking stage over the head of the fused list. None by default: no model-free reranker measured better
    /// on held-out queries (see README, Quality). Llm asks the configured LLM (section "Llm"); without one it does nothing.
    /// </summary>
    public RerankerKind Reranker { get; set; } = RerankerKind.None;

    /// <summary>How many fused hits the reranker may reorder (the LLM reranker shows at most
    /// <see cref="LlmListwiseReranker.MaxCandidates"/>); the rest keep their fused order after them.</summary>
    [Range(2, 200)]
    public int RerankDepth { get; set; } = 20;

    /// <summary>Most passages handed to answer generation.</summary>
    [Range(1, 20)]
    public int MaxPassages { get; set; } = 5;

    /// <summary>Token budget for all passages together.</summary>
    [Range(100, 32000)]
    public int ContextTokens { get; set; } = 1500;
}
