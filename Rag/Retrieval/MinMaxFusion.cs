namespace Assistant.Rag.Retrieval;

/// <summary>
/// Normalised score fusion: each route's scores are scaled to [0, 1] over its own candidates (min-max), then combined
/// as Σ weight_r · score_r / Σ weight_r; an id a route did not return scores 0 there. Unlike RRF it keeps how far
/// apart the candidates were, which matters when one route is confident.
/// </summary>
/// <remarks>Stateless and thread-safe. Ties keep the order in which ids were first seen.</remarks>
public static class MinMaxFusion
{
    /// <summary>Fuses route results into one list, best first.</summary>
    public static IReadOnlyList<FusedHit> Fuse(IReadOnlyList<RouteResult> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var totalWeight = routes.Sum(r => r.Weight);
        var scores = new Dictionary<string, (double Score, int FirstSeen, Dictionary<string, int> Ranks)>(StringComparer.Ordinal);
        foreach (var route in routes.Where(r => r.Hits.Count > 0 && r.Weight > 0))
        {
            var max = route.Hits.Max(h => h.Score);
            var min = route.Hits.Min(h => h.Score);
            var range = max - min;
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
                    continue;
                }

                entry.Ranks[route.Route] = rank;
                var normalised = range > 0 ? (hit.Score - min) / range : 1.0;
                scores[hit.Id] = (entry.Score + (route.Weight * normalised / totalWeight), entry.FirstSeen, entry.Ranks);
            }
        }

        return [.. scores
            .OrderByDescending(s => s.Value.Score)
            .ThenBy(s => s.Value.FirstSeen)
            .Select(s => new FusedHit(s.Key, s.Value.Score, s.Value.Ranks))];
    }
}
