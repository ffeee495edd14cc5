namespace Assistant.Rag.Indexes;

/// <summary>
/// RM3 pseudo-relevance feedback for one keyword search: the query is expanded with the terms most likely under the
/// language model of its first <see cref="Documents"/> hits, and searched again.
/// </summary>
/// <param name="Documents">Top hits of the first search taken as relevant.</param>
/// <param name="Terms">Expansion terms added.</param>
/// <param name="OriginalWeight">Share of the original query in the expanded one (RM3's λ), 0 to 1.</param>
public sealed record KeywordFeedback(int Documents, int Terms, double OriginalWeight);
