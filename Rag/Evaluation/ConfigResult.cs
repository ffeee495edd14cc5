namespace Assistant.Rag.Evaluation;

/// <summary>Mean metrics of one configuration over the judged queries, and its query latency.</summary>
public sealed record ConfigResult(string Name, double Ndcg10, double Recall10, double Recall100, double Mrr10, double P50Ms, double P95Ms)
{
    /// <summary>nDCG@10 of each query, in the order the queries were asked (what cross-validation folds split).</summary>
    public IReadOnlyList<double> PerQueryNdcg10 { get; init; } = [];
}
