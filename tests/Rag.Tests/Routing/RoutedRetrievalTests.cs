using Assistant.Rag.Ingestion;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Routing;

/// <summary>Routed retrieval over a real index: the router's choice, extra registered routes, and routes that fail or overrun their budget.</summary>
public sealed class RoutedRetrievalTests : IClassFixture<IndexedKnowledgeBase>
{
    private const string SqlQuestion = "How many replacement badges were printed per month this year?";

    private readonly IndexedKnowledgeBase _kb;

    public RoutedRetrievalTests(IndexedKnowledgeBase kb) => _kb = kb;

    private static EmbeddedIntentRouter Router() =>
        new(SharedModel.Embedder, new FixedOptions<RoutingOptions>(new RoutingOptions()), NullLogger<EmbeddedIntentRouter>.Instance);

    private string BadgeChunk() => _kb.Engine.Index.Catalog.GetChunksOfParent(IndexedKnowledgeBase.BadgeSection)[0].Chunk.Id;

    [Fact]
    public async Task ARegisteredSqlRouteAnswersACountingQuestionFirstAndItsHitsAreFused()
    {
        // Arrange
        var sql = FakeRoute.Returning(RouteNames.Sql, BadgeChunk());
        var retriever = _kb.Engine.Retriever(router: Router(), extraRoutes: [sql]);

        // Act
        var result = await retriever.RetrieveAsync(SqlQuestion);

        // Assert
        Assert.Equal(RouteNames.Sql, result.Routes[0].Name);
        Assert.Equal(1.0, result.Routes[0].Weight);
        Assert.Contains("sql question", result.Routes[0].Reason, StringComparison.Ordinal);
        Assert.Equal(1, result.Routes[0].Hits);
        Assert.Contains(result.Routes, r => r.Name == RouteNames.Keyword && r.Weight < 1);
        Assert.Equal(BadgeChunk(), result.Hits[0].ChunkId);
        Assert.Equal(IndexedKnowledgeBase.Badge.Id, result.Passages[0].DocumentId);
        Assert.Equal(SqlQuestion, Assert.Single(sql.Queries).Text);
    }

    [Fact]
    public async Task ACountingQuestionWithoutASqlRouteIsAnsweredFromTheTextAndSaysWhy()
    {
        // Arrange
        var retriever = _kb.Engine.Retriever(router: Router());

        // Act
        var result = await retriever.RetrieveAsync(SqlQuestion);

        // Assert
        Assert.Equal([RouteNames.Keyword, RouteNames.Vector], result.Routes.Select(r => r.Name).Order());
        Assert.All(result.Routes, r => Assert.Contains("no sql route is configured", r.Reason, StringComparison.Ordinal));
        Assert.Equal(IndexedKnowledgeBase.Badge.Id, result.Passages[0].DocumentId);
    }

    [Fact]
    public async Task ByDefaultARoutedChineseQuestionLeavesTheVectorRouteOut()
    {
        // Arrange
        var retriever = _kb.Engine.Retriever(router: Router());

        // Act
        var result = await retriever.RetrieveAsync("差旅费用报销要在多少天内提交？");

        // Assert
        var route = Assert.Single(result.Routes);
        Assert.Equal(RouteNames.Keyword, route.Name);
        Assert.Equal(KnowledgeBase.Expenses.Id, result.Passages[0].DocumentId);
    }

    [Fact]
    public async Task ARouteThatOverrunsItsBudgetIsDroppedAndLoggedWhileTheOthersAnswer()
    {
        // Arrange: a graph backend that hangs for 5 s and ignores cancellation, under a 200 ms budget
        var logs = new CollectingLoggerProvider();
        var graph = FakeRoute.Slow(RouteNames.Graph, TimeSpan.FromSeconds(5));
        var retriever = _kb.Engine.Retriever(router: Router(), extraRoutes: [graph], routing: new RoutingOptions { RouteBudgetMilliseconds = 200 }, logs: logs.Factory());

        // Act
        var result = await retriever.RetrieveAsync("Who does the head of security report to, and whom do I tell when I lose my badge?");

        // Assert
        Assert.Single(graph.Queries);
        Assert.DoesNotContain(result.Routes, r => r.Name == RouteNames.Graph);
        Assert.Contains(result.Routes, r => r.Name == RouteNames.Keyword && r.Hits > 0);
        Assert.Equal(IndexedKnowledgeBase.Badge.Id, result.Passages[0].DocumentId);
        Assert.DoesNotContain(result.Hits, h => h.ChunkId == "late");
        Assert.Contains(logs.Entries, e => e.Id.Id == 1302 && e.Level == LogLevel.Warning && e.Message.Contains("graph", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARouteThatFailsIsDroppedAndLoggedWhileTheOthersAnswer()
    {
        // Arrange
        var logs = new CollectingLoggerProvider();
        var sql = FakeRoute.Failing(RouteNames.Sql);
        var retriever = _kb.Engine.Retriever(router: Router(), extraRoutes: [sql], logs: logs.Factory());

        // Act
        var result = await retriever.RetrieveAsync(SqlQuestion);

        // Assert
        Assert.Single(sql.Queries);
        Assert.DoesNotContain(result.Routes, r => r.Name == RouteNames.Sql);
        Assert.Equal(IndexedKnowledgeBase.Badge.Id, result.Passages[0].DocumentId);
        Assert.Contains(logs.Entries, e => e.Id.Id == 1301 && e.Message.Contains("sql", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithRoutingOffEveryRegisteredRouteRunsAtFullWeight()
    {
        // Arrange
        var graph = FakeRoute.Returning(RouteNames.Graph, BadgeChunk());
        var retriever = _kb.Engine.Retriever(router: Router(), extraRoutes: [graph], routing: new RoutingOptions { Enabled = false });

        // Act
        var result = await retriever.RetrieveAsync("What portal address do I enter in GlobalProtect?");

        // Assert
        Assert.Equal([RouteNames.Graph, RouteNames.Keyword, RouteNames.Vector], result.Routes.Select(r => r.Name).Order());
        Assert.All(result.Routes, r => Assert.Equal(("default", 1.0), (r.Reason, r.Weight)));
    }
}
