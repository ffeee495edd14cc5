namespace Assistant.Rag.Retrieval;

/// <summary>The second ranking stage after fusion.</summary>
public enum RerankerKind
{
    /// <summary>No second stage: the fused order is final.</summary>
    None,

    /// <summary>Route scores and lexical evidence (coverage, title, phrase, proximity) combined with fitted weights; no model.</summary>
    Features,

    /// <summary>The configured LLM orders the head of the list (listwise); without an LLM the feature reranker runs.</summary>
    Llm,
}
