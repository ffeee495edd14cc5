namespace Assistant.Rag.Routing;

/// <summary>What a route is asked for one search.</summary>
/// <param name="Text">The question (or an alternative phrasing of it) as the user would ask it.</param>
/// <param name="KeywordText">The text for term matching (e.g. with filler words removed); usually <paramref name="Text"/>.</param>
/// <param name="Language">Detected language of <paramref name="Text"/> ("en", "zh", "ja").</param>
/// <param name="Embedding">
/// The vector to search with, already computed (the question's, or a hypothetical answer's for HyDE); empty means the
/// vector route embeds <paramref name="Text"/> itself.
/// </param>
/// <param name="Access">Whose principals the search filters by, inside the index; null is public documents only.</param>
public sealed record RouteQuery(string Text, string KeywordText, string Language, ReadOnlyMemory<float> Embedding, Access.AccessFilter? Access = null);
