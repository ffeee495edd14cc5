namespace Assistant.Rag.Retrieval;

/// <summary>What one structured route (sql, graph) made of a question, and the weight the router gave it.</summary>
/// <param name="Route">The route's name.</param>
/// <param name="Weight">The router's weight for it (1 when it was the primary route).</param>
/// <param name="Reply">Its table and sentence, or its decline with suggestions.</param>
public sealed record StructuredEvidence(string Route, double Weight, StructuredReply Reply);
