namespace Assistant.Rag.Evaluation;

/// <summary>One judged question for fitting the feature reranker: its candidates' documents and features, and its judgements.</summary>
/// <param name="Documents">The document of each candidate chunk, in fused order.</param>
/// <param name="Features">One feature vector per candidate (see <see cref="Retrieval.RerankFeatures.Names"/>).</param>
/// <param name="Judgements">Graded relevance by document id.</param>
public sealed record RerankSample(IReadOnlyList<string> Documents, double[][] Features, IReadOnlyDictionary<string, int> Judgements);
