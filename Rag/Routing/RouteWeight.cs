namespace Assistant.Rag.Routing;

/// <summary>A route the router chose and the weight its ranking carries in fusion (0 to 1, relative to the other chosen routes).</summary>
public sealed record RouteWeight(string Name, double Weight);
