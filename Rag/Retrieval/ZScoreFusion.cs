namespace Assistant.Rag.Retrieval;

/// <summary>
/// Standardised score fusion: each route's scores become z-scores over its own candidates ((score − mean) / standard
/// deviation), then combine as Σ weight_r · z_r / Σ weight_r. An id a route did not return takes that route's lowest
/// z-score (it ranked below every candidate the route did return). Unlike min-max, one outlying top hit does not squash
/// the rest of a route's candidates towards 0.
/// </summary>
/// <remarks>
/// Stateless and thread-safe. A route whose candidates all score the same (one hit, or ties) has no spread to standardise
/// by: its candidates then count one standard unit above the ids it did not return (z 1 against 0), so a route that
/// found a single chunk still lifts it. Ties keep the order in which ids were first seen. The default fusion
/// (<see cref="RetrievalOptions.Fusion"/>), chosen by cross-validation; see docs/quality.md.
/// </remarks>
public static class ZScoreFusion
{
    /// <summary>Fuses route results into one list, best first; routes at weight 0 or without hits are ignored.</summary>
    public static IReadOnlyList<FusedHit> Fuse(IReadOnlyList<RouteResult> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var used = routes.Where(r => r.Hits.Count > 0 && r.Weight > 0).ToList();
        var totalWeight = used.Sum(r => r.Weight);
        var entries = new Dictionary<string, (double Score, int FirstSeen, Dictionary<string, int> Ranks)>(StringComparer.Ordinal);
        foreach (var route in used)
        {
            for (var rank = 1; rank <= route.Hits.Count; rank++)
            {
                var id = route.Hits[rank - 1].Id;
                if (!entries.TryGetValue(id, out var entry))
                {
                    entries[id] = entry = (0, entries.Count, new Dictionary<string, int>(StringComparer.Ordinal));
                }

                entry.Ranks.TryAdd(route.Route, rank);
            }
        }

        var scores = entries.ToDictionary(e => e.Key, _ => 0.0, StringComparer.Ordinal);
        foreach (var route in used)
        {
            var mean = route.Hits.Average(h => (double)h.Score);
            var deviation = Math.Sqrt(route.Hits.Average(h => ((double)h.Score - mean) * ((double)h.Score - mean)));
            double Z(double score) => deviation > 0 ? (score - mean) / deviation : 1.0;

            // A chunk listed twice by one route counts at its first (best) listing, as in the other fusions.
            var own = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var hit in route.Hits)
            {
                own.TryAdd(hit.Id, Z(hit.Score));
            }

            var lowest = deviation > 0 ? own.Values.Min() : 0.0;
            foreach (var id in entries.Keys)
            {
                scores[id] += route.Weight * (own.TryGetValue(id, out var z) ? z : lowest) / totalWeight;
            }
        }

        return [.. entries
            .OrderByDescending(e => scores[e.Key])
            .ThenBy(e => e.Value.FirstSeen)
            .Select(e => new FusedHit(e.Key, scores[e.Key], e.Value.Ranks))];
    }
}
