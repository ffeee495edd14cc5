using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Evaluation;

/// <summary>
/// Fits the feature reranker's weights by coordinate ascent on mean nDCG@10 (Metzler and Croft's method for linear
/// ranking functions): one weight at a time is moved by each of a fixed set of steps, a move is kept when it raises the
/// mean, and rounds repeat until none does. Deterministic: the same samples give the same weights.
/// </summary>
public static class RerankerFitter
{
    private static readonly double[] Steps = [-1, -0.5, -0.2, -0.1, -0.05, -0.02, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

    /// <summary>Weights that maximise mean nDCG@10 over <paramref name="samples"/>, starting from <paramref name="start"/>
    /// (the fused score alone when null), in at most <paramref name="rounds"/> rounds.</summary>
    public static double[] Fit(IReadOnlyList<RerankSample> samples, IReadOnlyList<double>? start = null, int rounds = 8)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var weights = start?.ToArray() ?? [1, .. new double[RerankFeatures.Names.Count - 1]];
        var best = MeanNdcg(samples, weights);
        for (var round = 0; round < rounds; round++)
        {
            var improved = false;
            for (var i = 0; i < weights.Length; i++)
            {
                foreach (var step in Steps)
                {
                    var original = weights[i];
                    weights[i] = Math.Round(original + step, 4);
                    var score = MeanNdcg(samples, weights);
                    if (score > best + 1e-9)
                    {
                        best = score;
                        improved = true;
                    }
                    else
                    {
                        weights[i] = original;
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return weights;
    }

    /// <summary>Mean nDCG@10 of the document rankings <paramref name="weights"/> give (a document ranks by its best chunk).</summary>
    public static double MeanNdcg(IReadOnlyList<RerankSample> samples, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(weights);
        if (samples.Count == 0)
        {
            return 0;
        }

        var total = 0.0;
        foreach (var sample in samples)
        {
            var best = new Dictionary<string, (double Score, int First)>(StringComparer.Ordinal);
            for (var i = 0; i < sample.Documents.Count; i++)
            {
                var score = FeatureReranker.Score(sample.Features[i], weights);
                var document = sample.Documents[i];
                best[document] = best.TryGetValue(document, out var seen) ? (Math.Max(seen.Score, score), seen.First) : (score, i);
            }

            var ranked = best.OrderByDescending(b => b.Value.Score).ThenBy(b => b.Value.First).Select(b => b.Key).ToList();
            total += RetrievalMetrics.NdcgAt(ranked, sample.Judgements, 10);
        }

        return total / samples.Count;
    }
}
