namespace Assistant.Rag.Feedback;

/// <summary>
/// The key route weights are learned under: the router's intent when there is one, else the set of routes that ran
/// ("keyword+vector"), so questions routed alike learn together.
/// </summary>
public static class RouteSet
{
    /// <summary>The route names, sorted and joined with '+'; empty for no routes.</summary>
    public static string Key(IEnumerable<string> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return string.Join('+', routes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }
}
