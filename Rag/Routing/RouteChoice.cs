namespace Assistant.Rag.Routing;

/// <summary>One route of a <see cref="RouteReply"/>: its name and its weight (0–1).</summary>
internal sealed record RouteChoice(string Name, double Weight);
