using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Evaluation;

/// <summary>
/// Collects reranker training samples by running judged queries through the product's retrieval (without a reranker)
/// and fits the weights with a two-fold held-out check; the eval command's <c>--fit-reranker</c> runs this.
/// </summary>
public sealed class RerankerFitting
{
    private readonly HybridRetriever _retriever;
    private readonly FeatureReranker _features;

    public RerankerFitting(HybridRetriever retriever, FeatureReranker features)
    {
        _retriever = retriever;
        _features = features;
    }

    /// <summary>One sample per query: the features of the first <paramref name="depth"/> fused hits under <paramref name="options"/>.</summary>
    public async Task<IReadOnlyList<RerankSample>> CollectAsync(BeirDataset dataset, IReadOnlyList<(string Id, string Text)> queries, RetrievalOptions options, int depth, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(options);
        options.Reranker = RerankerKind.None;
        options.CandidatesPerRoute = Math.Max(options.CandidatesPerRoute, RetrievalEvaluator.Depth);
        var samples = new List<RerankSample>(queries.Count);
        foreach (var (id, text) in queries)
        {
            var ranking = await _retriever.RankAsync(text, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            var head = ranking.Hits.Take(depth).ToList();
            samples.Add(new RerankSample([.. head.Select(h => RetrievalEvaluator.DocumentOf(h.ChunkId))], _features.Features(text, head), dataset.Judgements[id]));
            progress?.Report(samples.Count);
        }

        return samples;
    }

    /// <summary>Fits on every sample, and checks generality by fitting on alternate halves (even/odd positions) and
    /// scoring each on the other half.</summary>
    public static RerankerFitReport Fit(IReadOnlyList<RerankSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var baseline = Baseline();
        var weights = RerankerFitter.Fit(samples);
        var even = samples.Where((_, i) => i % 2 == 0).ToList();
        var odd = samples.Where((_, i) => i % 2 == 1).ToList();
        var fittedOnEven = RerankerFitter.Fit(even);
        var fittedOnOdd = RerankerFitter.Fit(odd);
        var onOdd = RerankerFitter.MeanNdcg(odd, fittedOnEven);
        var onEven = RerankerFitter.MeanNdcg(even, fittedOnOdd);
        var heldOut = ((onOdd * odd.Count) + (onEven * even.Count)) / Math.Max(1, samples.Count);
        return new RerankerFitReport(weights, RerankerFitter.MeanNdcg(samples, baseline), RerankerFitter.MeanNdcg(samples, weights), heldOut, [fittedOnEven, fittedOnOdd]);
    }

    private static double[] Baseline() => [1, .. new double[RerankFeatures.Names.Count - 1]];
}
