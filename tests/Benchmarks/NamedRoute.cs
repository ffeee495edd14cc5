using Assistant.Rag.Indexes;
using Assistant.Rag.Routing;

namespace Assistant.Benchmarks;

/// <summary>A registered route as the router sees it: a name and a description. Searching is not part of routing.</summary>
internal sealed class NamedRoute(string name) : IRetrievalRoute
{
    public string Name => name;

    public string Description => $"the {name} route";

    public Task<IReadOnlyList<ScoredId>> SearchAsync(RouteQuery query, int top, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The router benchmark never searches.");
}
