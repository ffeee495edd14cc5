namespace Assistant.Rag.Evaluation;

/// <summary>
/// Standard ranking metrics over one query's ranked document ids and its relevance judgements (document id → grade;
/// grade 0 or a missing judgement means not relevant), as trec_eval computes them: linear gain, log2 discount.
/// </summary>
/// <remarks>Pure functions, thread-safe. Documents ranked twice count once, at their first rank.</remarks>
public static class RetrievalMetrics
{
    /// <summary>nDCG@k: DCG of the ranking divided by the DCG of the ideal ranking of the judged documents; 0 when nothing is relevant.</summary>
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judgements, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(judgements);
        var dcg = 0.0;
        var rank = 0;
        foreach (var id in Distinct(ranked).Take(k))
        {
            rank++;
            if (judgements.TryGetValue(id, out var grade) && grade > 0)
            {
                dcg += grade / Math.Log2(rank + 1);
            }
        }

        var ideal = judgements.Values.Where(g => g > 0).OrderDescending().Take(k).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>Recall@k: share of the relevant documents found in the top k; 0 when nothing is relevant.</summary>
    public static double RecallAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judgements, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(judgements);
        var relevant = judgements.Count(j => j.Value > 0);
        if (relevant == 0)
        {
            return 0;
        }

        var found = Distinct(ranked).Take(k).Count(id => judgements.TryGetValue(id, out var grade) && grade > 0);
        return (double)found / relevant;
    }

    /// <summary>MRR@k: 1 / rank of the first relevant document within the top k, else 0.</summary>
    public static double MrrAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judgements, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(judgements);
        var rank = 0;
        foreach (var id in Distinct(ranked).Take(k))
        {
            rank++;
            if (judgements.TryGetValue(id, out var grade) && grade > 0)
            {
                return 1.0 / rank;
            }
        }

        return 0;
    }

    /// <summary>The value below which <paramref name="percent"/> % of <paramref name="values"/> fall (nearest rank); 0 for none.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    private static IEnumerable<string> Distinct(IReadOnlyList<string> ranked)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ranked)
        {
            if (seen.Add(id))
            {
                yield return id;
            }
        }
    }
}
