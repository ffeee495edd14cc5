using System.IO.Hashing;
using System.Text;

namespace Assistant.Rag.Evaluation;

/// <summary>
/// K-fold cross-validation of a choice among configurations: the queries are split into <c>K</c> folds (by a hash of the
/// query id, so a query always lands in the same fold); for each fold the configuration with the best mean nDCG@10 on the
/// other K−1 folds is chosen and scored on the held-out fold. A choice that only fits the questions it was chosen on shows
/// up as an out-of-fold figure below its in-fold one.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class CrossValidation
{
    /// <summary>The fold (0..<paramref name="folds"/>−1) of a query id.</summary>
    public static int FoldOf(string queryId, int folds)
    {
        ArgumentNullException.ThrowIfNull(queryId);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        return (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(queryId)) % (uint)folds);
    }

    /// <summary>
    /// In-fold and out-of-fold nDCG@10 of every configuration in <paramref name="results"/> (whose per-query scores follow
    /// <paramref name="queryIds"/>), and of choosing among <paramref name="candidates"/> (names of results) fold by fold.
    /// </summary>
    public static CrossValidationResult Run(IReadOnlyList<string> queryIds, IReadOnlyList<ConfigResult> results, IReadOnlyCollection<string> candidates, int folds)
    {
        ArgumentNullException.ThrowIfNull(queryIds);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (results.Any(r => r.PerQueryNdcg10.Count != queryIds.Count))
        {
            throw new ArgumentException("Every result needs one score per query.", nameof(results));
        }

        var fold = queryIds.Select(id => FoldOf(id, folds)).ToArray();
        double Mean(ConfigResult result, Func<int, bool> take)
        {
            double sum = 0;
            var n = 0;
            for (var i = 0; i < fold.Length; i++)
            {
                if (take(fold[i]))
                {
                    sum += result.PerQueryNdcg10[i];
                    n++;
                }
            }

            return n == 0 ? 0 : sum / n;
        }

        var scores = results.Select(r =>
        {
            var inFold = Enumerable.Range(0, folds).Average(f => Mean(r, g => g != f));
            var outOfFold = Enumerable.Range(0, folds).Average(f => Mean(r, g => g == f));
            return new FoldScore(r.Name, inFold, outOfFold);
        }).ToList();

        var pool = results.Where(r => candidates.Contains(r.Name)).ToList();
        var chosen = new List<string>();
        double chosenIn = 0, chosenOut = 0;
        for (var f = 0; f < folds && pool.Count > 0; f++)
        {
            var held = f;
            var best = pool.MaxBy(r => Mean(r, g => g != held))!;
            chosen.Add(best.Name);
            chosenIn += Mean(best, g => g != held);
            chosenOut += Mean(best, g => g == held);
        }

        return new CrossValidationResult(folds, scores, chosen, pool.Count == 0 ? 0 : chosenIn / folds, pool.Count == 0 ? 0 : chosenOut / folds);
    }
}
