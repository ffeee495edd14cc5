using Assistant.Rag.Indexes;

namespace Assistant.Rag.Retrieval;

/// <summary>One route's ranked hits and the weight its ranks carry in fusion.</summary>
public sealed record RouteResult(string Route, double Weight, IReadOnlyList<ScoredId> Hits);
