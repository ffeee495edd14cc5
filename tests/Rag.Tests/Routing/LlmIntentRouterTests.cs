using System.Text.Json;
using Assistant.Rag.Indexes;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Routing;

/// <summary>The LLM router with a scripted chat client: a schema-constrained call, and the embedded router whenever the reply is unusable.</summary>
public sealed class LlmIntentRouterTests
{
    private static readonly IRetrievalRoute[] Routes =
    [
        FakeRoute.Returning(RouteNames.Vector),
        FakeRoute.Returning(RouteNames.Keyword),
        new FakeRoute(RouteNames.Sql, "SQL over tables tickets(id, team, priority, status, opened_at) and expenses(employee, amount, month)", (_, _) => Task.FromResult<IReadOnlyList<ScoredId>>([])),
    ];

    private static readonly RoutingQuestion Question = new("How many open P1 tickets does the network team have?", "en", ReadOnlyMemory<float>.Empty);

    private static LlmIntentRouter Router(IChatClient chat, int timeoutSeconds = 5)
    {
        var options = new FixedOptions<RoutingOptions>(new RoutingOptions { LlmTimeoutSeconds = timeoutSeconds });
        var fallback = new EmbeddedIntentRouter(new FailingEmbeddingGenerator(SharedModel.Embedder), options, NullLogger<EmbeddedIntentRouter>.Instance);
        return new LlmIntentRouter(TestLlm.Calls(chat), fallback, options, NullLogger<LlmIntentRouter>.Instance);
    }

    [Fact]
    public async Task AValidReplyDecidesTheRoutesWeightsAndReason()
    {
        // Arrange
        var chat = ScriptedChatClient.Replying("""{"routes":[{"name":"sql","weight":1},{"name":"keyword","weight":0.4}],"reason":"counts tickets by status and priority"}""");

        // Act
        var decision = await Router(chat).RouteAsync(Question, Routes);

        // Assert
        Assert.Equal("llm", decision.Router);
        Assert.Equal([new RouteWeight(RouteNames.Sql, 1), new RouteWeight(RouteNames.Keyword, 0.4)], decision.Routes);
        Assert.Equal("counts tickets by status and priority", decision.Reason);
    }

    [Fact]
    public async Task TheCallIsConstrainedByASchemaOfTheRegisteredRoutesAndShowsTheirDescriptions()
    {
        // Arrange
        var chat = ScriptedChatClient.Replying("""{"routes":[{"name":"sql","weight":1}],"reason":"a count"}""");

        // Act
        await Router(chat).RouteAsync(Question, Routes);

        // Assert
        var format = Assert.IsType<ChatResponseFormatJson>(Assert.Single(chat.Options)!.ResponseFormat);
        var names = format.Schema!.Value.GetProperty("properties").GetProperty("routes").GetProperty("items").GetProperty("properties").GetProperty("name").GetProperty("enum");
        Assert.Equal([RouteNames.Vector, RouteNames.Keyword, RouteNames.Sql], names.EnumerateArray().Select(n => n.GetString()));
        var system = Assert.Single(chat.Requests)[0].Text;
        Assert.Contains("tickets(id, team, priority, status, opened_at)", system, StringComparison.Ordinal);
        Assert.DoesNotContain(RouteNames.Graph, system, StringComparison.Ordinal);
        Assert.Equal(Question.Text, chat.Requests[0][1].Text);
    }

    public static TheoryData<string> UnusableReplies() => new()
    {
        "I think the sql route fits best.",
        """{"routes":[{"name":"graph","weight":1}],"reason":"graph is not registered"}""",
        """{"routes":[{"name":"sql","weight":3}],"reason":"weight out of range"}""",
        """{"routes":[{"name":"sql","weight":0}],"reason":"nothing weighs anything"}""",
        """{"routes":[],"reason":"no routes"}""",
        """{"routes":[{"name":"sql","weight":1}]}""",
        """[1, 2, 3]""",
    };

    [Theory]
    [MemberData(nameof(UnusableReplies))]
    public async Task AnUnusableReplyHandsTheQuestionToTheEmbeddedRouter(string reply)
    {
        // Arrange
        var chat = ScriptedChatClient.Replying(reply);

        // Act
        var decision = await Router(chat).RouteAsync(Question, Routes);

        // Assert
        Assert.Equal("embedded", decision.Router);
        Assert.Equal(RouteNames.Sql, decision.Routes[0].Name);
    }

    [Fact]
    public async Task AFailingLlmHandsTheQuestionToTheEmbeddedRouter()
    {
        // Arrange
        var chat = ScriptedChatClient.Failing(new HttpRequestException("503 Service Unavailable"));

        // Act
        var decision = await Router(chat).RouteAsync(Question, Routes);

        // Assert
        Assert.Equal("embedded", decision.Router);
    }

    [Fact]
    public async Task AnLlmThatDoesNotAnswerInTimeHandsTheQuestionToTheEmbeddedRouter()
    {
        // Arrange
        var chat = ScriptedChatClient.Hanging();

        // Act
        var decision = await Router(chat, timeoutSeconds: 1).RouteAsync(Question, Routes);

        // Assert
        Assert.Equal("embedded", decision.Router);
        Assert.Single(chat.Requests);
    }

    [Fact]
    public async Task AFencedReplyFromAServerThatIgnoresTheResponseFormatStillDecides()
    {
        // Arrange
        var chat = ScriptedChatClient.Replying("```json\n{\"routes\":[{\"name\":\"vector\",\"weight\":1}],\"reason\":\"a how-to\"}\n```");

        // Act
        var decision = await Router(chat).RouteAsync(Question, Routes);

        // Assert
        Assert.Equal("llm", decision.Router);
        Assert.Equal(RouteNames.Vector, decision.Primary);
    }

    [Fact]
    public void TheSchemaRequiresRoutesAndAReason()
    {
        // Act
        var schema = LlmIntentRouter.Schema(Routes);

        // Assert
        Assert.Equal(["routes", "reason"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(JsonValueKind.Array, schema.GetProperty("properties").GetProperty("routes").GetProperty("items").GetProperty("required").ValueKind);
    }
}
