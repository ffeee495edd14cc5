namespace Assistant.Rag.Routing;

/// <summary>
/// No routing: every registered route runs at weight 1 (Rag:Routing:Enabled = false, and the evaluation's fixed
/// configurations). The reason is "default".
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class FixedIntentRouter : IIntentRouter
{
    /// <summary>The one instance.</summary>
    public static FixedIntentRouter Instance { get; } = new();

    /// <summary>The decision for <paramref name="available"/>: all of them, weight 1.</summary>
    public static RouteDecision Decide(IEnumerable<IRoute> available)
    {
        List<RouteWeight> routes = [.. available.Select(r => new RouteWeight(r.Name, 1.0))];
        return new(routes, "default", 1.0, routes.FirstOrDefault()?.Name ?? string.Empty, "fixed");
    }

    /// <inheritdoc />
    public Task<RouteDecision> RouteAsync(RoutingQuestion question, IReadOnlyList<IRoute> available, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(available);
        return Task.FromResult(Decide(available));
    }
}
