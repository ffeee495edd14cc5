using Assistant.Rag.Query;

namespace Assistant.Rag.Routing;

/// <summary>One question to rank, and how.</summary>
/// <param name="Question">The (standalone) question.</param>
/// <param name="KeywordQuery">Text for the keyword route instead of the question (e.g. with filler removed); null sends the question.</param>
/// <param name="Routed">False skips the router and runs every registered route whose configured weight is above 0 (the eval's fixed configurations).</param>
/// <param name="Expansion">Query expansion switches for this request; null uses the configured ones.</param>
/// <param name="Structured">True lets the router choose the structured routes (sql, graph) as well, for an answer; the
/// retrieval evaluation ranks text only and leaves it false.</param>
/// <param name="Access">The asker's principals, which every text route filters by inside its search; null is public documents only.</param>
public sealed record RetrievalRequest(string Question, string? KeywordQuery = null, bool Routed = true, QueryExpansionOptions? Expansion = null, bool Structured = false, Access.AccessFilter? Access = null);
