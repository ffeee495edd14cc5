using Assistant.Rag.Indexes;

namespace Assistant.Rag.Routing;

/// <summary>The "keyword" route: Lucene BM25 over chunk text and titles. Good for exact names, codes and quoted phrases, and for Chinese.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class Bm25KeywordRoute : IRetrievalRoute
{
    /// <summary>The route's name.</summary>
    public const string RouteName = "keyword";

    private readonly KnowledgeIndex _index;

    public Bm25KeywordRoute(KnowledgeIndex index) => _index = index;

    public string Name => RouteName;

    public string Description => "Keyword (BM25) search over the knowledge base's text: exact terms, product and system names, " +
        "error codes, ticket or policy identifiers, quoted phrases; also the main route for Chinese and Japanese questions.";

    public Task<IReadOnlyList<ScoredId>> SearchAsync(RouteQuery query, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _index.Keywords.SearchAsync(query.KeywordText, top, query.Access ?? Access.AccessFilter.PublicOnly, cancellationToken);
    }
}
