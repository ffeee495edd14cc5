namespace Assistant.Rag.Routing;

/// <summary>How strongly a question points at each route, and the evidence.</summary>
/// <param name="Shares">Route name → share, summing to 1 (all 0 when neither examples nor cue words point anywhere).</param>
/// <param name="Cues">The cue words found: the route each points at and its label ("a count", "a reporting line", …).</param>
/// <param name="Neighbours">Route name → how many of the nearest examples carry it.</param>
public sealed record RouteScores(IReadOnlyDictionary<string, double> Shares, IReadOnlyList<(string Route, string Label)> Cues, IReadOnlyDictionary<string, int> Neighbours)
{
    /// <summary>The route with the largest share.</summary>
    public string Primary => Shares.OrderByDescending(s => s.Value).ThenBy(s => RouteNames.Order(s.Key)).First().Key;

    /// <summary>A short account of why <paramref name="route"/> scored: its cue words and its nearest examples.</summary>
    public string Why(string route)
    {
        var parts = Cues.Where(c => c.Route == route).Select(c => c.Label).ToList();
        var near = Neighbours.Values.Sum();
        if (Neighbours.TryGetValue(route, out var votes) && votes > 0)
        {
            parts.Add($"{votes} of {near} similar examples");
        }

        return parts.Count > 0 ? string.Join(", ", parts) : "no clear cue";
    }
}
