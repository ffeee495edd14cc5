using Assistant.Rag.Ingestion;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Routing;

/// <summary>How the embedded router turns route scores into a decision over the routes that are registered.</summary>
public sealed class EmbeddedIntentRouterTests
{
    private static readonly string[] TextOnly = [RouteNames.Vector, RouteNames.Keyword];
    private static readonly string[] AllFour = [RouteNames.Vector, RouteNames.Keyword, RouteNames.Graph, RouteNames.Sql];

    private static RouteScores Scores(double vector, double keyword, double graph, double sql, params (string Route, string Label)[] cues) => new(
        new Dictionary<string, double> { [RouteNames.Vector] = vector, [RouteNames.Keyword] = keyword, [RouteNames.Graph] = graph, [RouteNames.Sql] = sql },
        cues,
        new Dictionary<string, int>());

    [Fact]
    public void AConfidentSqlQuestionRunsTheSqlRouteFirstWithTheTextRoutesBesideIt()
    {
        // Arrange
        var scores = Scores(0.1, 0.05, 0.05, 0.8, (RouteNames.Sql, "a count"));

        // Act
        var decision = EmbeddedIntentRouter.Decide(scores, AllFour, minConfidence: 0.45);

        // Assert
        Assert.Equal(RouteNames.Sql, decision.Routes[0].Name);
        Assert.Equal(1.0, decision.Routes[0].Weight);
        Assert.Equal([RouteNames.Keyword, RouteNames.Vector], decision.Routes.Skip(1).Select(r => r.Name).Order());
        Assert.All(decision.Routes.Skip(1), r => Assert.Equal(EmbeddedIntentRouter.TextBesideStructuredWeight, r.Weight));
        Assert.Contains("a count", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0.8, decision.Confidence, 3);
    }

    [Fact]
    public void ARouteThatIsNotRegisteredIsNeverChosenAndTheTextRoutesAnswerInstead()
    {
        // Arrange
        var scores = Scores(0.1, 0.05, 0.05, 0.8, (RouteNames.Sql, "a count"));

        // Act
        var decision = EmbeddedIntentRouter.Decide(scores, TextOnly, minConfidence: 0.45);

        // Assert
        Assert.Equal([RouteNames.Keyword, RouteNames.Vector], decision.Routes.Select(r => r.Name).Order());
        Assert.All(decision.Routes, r => Assert.Equal(1.0, r.Weight));
        Assert.Equal(RouteNames.Sql, decision.Primary);
        Assert.Contains("no sql route is configured", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ALowConfidenceRunsVectorAndKeywordAtFullWeight()
    {
        // Arrange
        var scores = Scores(0.3, 0.2, 0.35, 0.15);

        // Act
        var decision = EmbeddedIntentRouter.Decide(scores, AllFour, minConfidence: 0.45);

        // Assert
        Assert.Equal([RouteNames.Keyword, RouteNames.Vector], decision.Routes.Select(r => r.Name).Order());
        Assert.All(decision.Routes, r => Assert.Equal(1.0, r.Weight));
        Assert.StartsWith("unsure", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdentifierQuestionIsExplainedAsSuchButSearchedByBothTextRoutesAtFullWeight()
    {
        // Arrange
        var scores = Scores(0.2, 0.7, 0.05, 0.05, (RouteNames.Keyword, "an identifier or error code"));

        // Act
        var decision = EmbeddedIntentRouter.Decide(scores, TextOnly, minConfidence: 0.45);

        // Assert
        Assert.Equal([new RouteWeight(RouteNames.Keyword, 1.0), new RouteWeight(RouteNames.Vector, 1.0)], decision.Routes);
        Assert.Equal(RouteNames.Keyword, decision.Primary);
        Assert.StartsWith("keyword question: an identifier or error code", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondStructuredRouteCloseBehindTheFirstRunsToo()
    {
        // Arrange
        var scores = Scores(0.05, 0.05, 0.4, 0.5);

        // Act
        var decision = EmbeddedIntentRouter.Decide(scores, AllFour, minConfidence: 0.45);

        // Assert
        Assert.Equal(RouteNames.Sql, decision.Routes[0].Name);
        Assert.Equal(new RouteWeight(RouteNames.Graph, 0.8), decision.Routes[1]);
    }

    [Theory]
    [InlineData("How many open P1 tickets does the network team have?", RouteNames.Sql)]
    [InlineData("上个季度每个部门的差旅费用总额是多少？", RouteNames.Sql)]
    [InlineData("Who does the head of IT security report to?", RouteNames.Graph)]
    [InlineData("王磊向谁汇报？", RouteNames.Graph)]
    [InlineData("What does error code FH-TRV-2291 mean?", RouteNames.Keyword)]
    public async Task WithoutEmbeddingsTheCueWordsStillRouteAClearQuestion(string question, string expected)
    {
        // Arrange: the embedding endpoint is down, so neither the question nor the examples can be embedded
        var router = new EmbeddedIntentRouter(new FailingEmbeddingGenerator(SharedModel.Embedder), new FixedOptions<RoutingOptions>(new RoutingOptions()), NullLogger<EmbeddedIntentRouter>.Instance);
        var available = new[] { FakeRoute.Returning(RouteNames.Vector), FakeRoute.Returning(RouteNames.Keyword), FakeRoute.Returning(RouteNames.Graph), FakeRoute.Returning(RouteNames.Sql) };

        // Act
        var decision = await router.RouteAsync(new RoutingQuestion(question, LanguageDetector.Detect(question), ReadOnlyMemory<float>.Empty), available);

        // Assert
        Assert.Equal(expected, decision.Primary);
        Assert.Equal(expected, decision.Routes[0].Name);
    }

    [Fact]
    public async Task TheExamplesAreEmbeddedOnceForAllQuestions()
    {
        // Arrange
        var counting = new CountingEmbeddingGenerator(SharedModel.Embedder);
        var examples = new[] { new RoutingExample("How many tickets are open?", RouteNames.Sql, "en"), new RoutingExample("Who reports to Anna?", RouteNames.Graph, "en") };
        var router = new EmbeddedIntentRouter(counting, new FixedOptions<RoutingOptions>(new RoutingOptions { Neighbours = 1 }), NullLogger<EmbeddedIntentRouter>.Instance, examples);
        var question = await SharedModel.Embedder.GenerateVectorAsync("Who does Jonas report to?");

        // Act
        var first = await router.ScoreAsync(new RoutingQuestion("Who does Jonas report to?", "en", question));
        var second = await router.ScoreAsync(new RoutingQuestion("Who does Jonas report to?", "en", question));

        // Assert
        Assert.Equal(RouteNames.Graph, first.Primary);
        Assert.Equal(first.Shares, second.Shares);
        Assert.Equal(examples.Length, counting.Inputs);
    }
}
