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
    /// How the routes' rankings are combined. Min-max by default: on SciFact train it scores nDCG@10 0.735 against
    /// weighted RRF's 0.715 and z-score's 0.737 (eval command, unrouted; z-score's edge is within the noise and nil on
    /// the odd half of the queries); on CMRC 2018 all three are equal.
    /// </summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.MinMax;

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
