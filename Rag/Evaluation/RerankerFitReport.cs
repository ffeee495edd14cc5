namespace Assistant.Rag.Evaluation;

/// <summary>
/// The outcome of fitting the feature reranker on a judged query set: the weights from all queries, and a two-fold
/// check of how they generalise (weights fitted on one half of the queries, scored on the other half).
/// </summary>
/// <param name="Weights">Weights fitted on every query.</param>
/// <param name="Baseline">Mean nDCG@10 of the fused order (no reranking) over every query.</param>
/// <param name="Fitted">Mean nDCG@10 with <paramref name="Weights"/> over every query (the queries they were fitted on).</param>
/// <param name="HeldOut">Mean nDCG@10 on each half with the weights fitted on the other half, averaged over all queries:
/// the figure to compare with <paramref name="Baseline"/>.</param>
/// <param name="HalfWeights">The weights fitted on the even and on the odd half, to show how stable they are.</param>
public sealed record RerankerFitReport(IReadOnlyList<double> Weights, double Baseline, double Fitted, double HeldOut, IReadOnlyList<IReadOnlyList<double>> HalfWeights);
