using Assistant.Rag.Indexes;
using Assistant.Rag.Routing;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// A registered route with a scripted behaviour: fixed hits, an exception, or a delay that ignores cancellation (the
/// worst kind of slow backend). It records the queries it was asked.
/// </summary>
internal sealed class FakeRoute : IRetrievalRoute
{
    private readonly Func<RouteQuery, CancellationToken, Task<IReadOnlyList<ScoredId>>> _search;

    public FakeRoute(string name, string description, Func<RouteQuery, CancellationToken, Task<IReadOnlyList<ScoredId>>> search)
    {
        Name = name;
        Description = description;
        _search = search;
    }

    public string Name { get; }

    public string Description { get; }

    public List<RouteQuery> Queries { get; } = [];

    public static FakeRoute Returning(string name, params string[] chunkIds) =>
        new(name, $"the {name} test route", (_, _) => Task.FromResult<IReadOnlyList<ScoredId>>([.. chunkIds.Select((id, i) => new ScoredId(id, 1f / (i + 1)))]));

    public static FakeRoute Failing(string name) =>
        new(name, $"the {name} test route", (_, _) => Task.FromException<IReadOnlyList<ScoredId>>(new InvalidOperationException("backend is down")));

    public static FakeRoute Slow(string name, TimeSpan delay) =>
        new(name, $"the {name} test route", async (_, _) =>
        {
            await Task.Delay(delay, CancellationToken.None);
            return [new ScoredId("late", 1f)];
        });

    public Task<IReadOnlyList<ScoredId>> SearchAsync(RouteQuery query, int top, CancellationToken cancellationToken = default)
    {
        lock (Queries)
        {
            Queries.Add(query);
        }

        return _search(query, cancellationToken);
    }
}
