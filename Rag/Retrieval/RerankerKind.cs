namespace Assistant.Rag.Retrieval;

/// <summary>The second ranking stage after fusion.</summary>
public enum RerankerKind
{
    /// <summary>No second stage: the fused order is final (the default; see <see cref="RetrievalOptions.Reranker"/>).</summary>
    None,

    /// <summary>The configured LLM orders the head of the list (listwise). Without an LLM the fused order stays.</summary>
    Llm,
}
