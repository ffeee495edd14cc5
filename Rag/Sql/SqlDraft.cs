namespace Assistant.Rag.Sql;

/// <summary>
/// The LLM's structured reply for NL2SQL: one query, or <paramref name="Answerable"/> false when the listed tables cannot
/// answer the question (then <paramref name="Sql"/> is empty).
/// </summary>
internal sealed record SqlDraft(string Sql, bool Answerable);
