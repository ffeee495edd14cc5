namespace Assistant.Rag.Routing;

/// <summary>The LLM router's structured reply: the routes to search, with weights, and why.</summary>
internal sealed record RouteReply(IReadOnlyList<RouteChoice> Routes, string Reason);
