using Assistant.Rag.Indexes;

namespace Assistant.Rag.Routing;

/// <summary>
/// One source of evidence the router can choose: the dense vector index, the BM25 keyword index, and later the
/// knowledge graph (Text2Cypher) and the SQL database (NL2SQL). Register an implementation in DI as
/// <see cref="IRetrievalRoute"/> and the retriever runs it whenever the router picks it; a route that is not registered is
/// never chosen.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe: many questions are answered at once. <see cref="SearchAsync"/> runs under the
/// per-route time budget (<see cref="RoutingOptions.RouteBudgetMilliseconds"/>); a route that throws or overruns is left
/// out of that answer and logged, so an implementation need not catch its own failures.
/// </remarks>
public interface IRetrievalRoute : IRoute
{
    /// <summary>
    /// The <paramref name="top"/> best hits for <paramref name="query"/>, best first, with the route's own scores (higher is
    /// better; fusion normalises them per route). Ids are catalog chunk ids. No hits is an empty list, not an exception.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (the question was abandoned or the budget ran out).</exception>
    Task<IReadOnlyList<ScoredId>> SearchAsync(RouteQuery query, int top, CancellationToken cancellationToken = default);
}
