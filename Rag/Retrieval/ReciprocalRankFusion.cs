namespace Assistant.Rag.Retrieval;

/// <summary>
/// Weighted reciprocal-rank fusion: score(d) = Σ_routes weight_r / (k + rank_r(d)). Needs no score calibration
/// between routes, which is why it is the default for BM25 + dense fusion.
/// </summary>
/// <remarks>Stateless and thread-safe. Ties keep the order in which documents were first seen.</remarks>
public static class ReciprocalRankFusion
{
    /// <summary>Fuses route results into one list, best first; an id found by several routes appears once.</summary>
    public static IReadOnlyList<FusedHit> Fuse(IReadOnlyList<RouteResult> routes, int k)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var scores = new Dictionary<string, (double Score, int FirstSeen, Dictionary<string, int> Ranks)>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var rank = 0;
            foreach (var hit in route.Hits)
            {
                rank++;
                if (!scores.TryGetValue(hit.Id, out var entry))
                {
                    entry = (0, scores.Count, new Dictionary<string, int>(StringComparer.Ordinal));
                }

                if (entry.Ranks.ContainsKey(route.Route))
                {
                    continue; // a route listing an id twice counts once, at its best rank
                }

                entry.Ranks[route.Route] = rank;
                scores[hit.Id] = (entry.Score + (route.Weight / (k + rank)), entry.FirstSeen, entry.Ranks);
            }
        }

        return [.. scores
            .OrderByDescending(s => s.Value.Score)
            .ThenBy(s => s.Value.FirstSeen)
            .Select(s => new FusedHit(s.Key, s.Value.Score, s.Value.Ranks))];
    }
}
