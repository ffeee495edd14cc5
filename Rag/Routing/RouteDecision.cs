namespace Assistant.Rag.Routing;

/// <summary>Which routes to run for one question, with what weight, and why.</summary>
/// <param name="Routes">The chosen routes, primary first; only registered routes appear.</param>
/// <param name="Reason">A short explanation for people (shown in the answer's small print).</param>
/// <param name="Confidence">How sure the router was of its primary route, 0 to 1.</param>
/// <param name="Primary">The route the question looked most like, registered or not (what routing accuracy is measured on).</param>
/// <param name="Router">Which router decided: "embedded", "llm" or "fixed".</param>
public sealed record RouteDecision(IReadOnlyList<RouteWeight> Routes, string Reason, double Confidence, string Primary, string Router);
