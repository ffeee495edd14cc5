using System.ClientModel;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;

namespace Assistant.Rag.Tests.Routing;

/// <summary>The LLM router through the real OpenAI-compatible connector against a local stub server: the schema goes over the wire.</summary>
public sealed class LlmRouterOverHttpTests
{
    [Fact]
    public async Task TheRoutingCallSendsAJsonSchemaResponseFormatAndItsReplyDecides()
    {
        // Arrange
        await using var server = new OpenAiStubServer(_ => (200, """{"routes":[{"name":"keyword","weight":1}],"reason":"an error code"}"""));
        using var chat = new OpenAI.Chat.ChatClient("test-model", new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseUrl) }).AsIChatClient();
        var options = new FixedOptions<RoutingOptions>(new RoutingOptions { LlmTimeoutSeconds = 10 });
        var fallback = new EmbeddedIntentRouter(new FailingEmbeddingGenerator(SharedModel.Embedder), options, NullLogger<EmbeddedIntentRouter>.Instance);
        var router = new LlmIntentRouter(TestLlm.Calls(chat), fallback, options, NullLogger<LlmIntentRouter>.Instance);
        IRetrievalRoute[] routes = [FakeRoute.Returning(RouteNames.Vector), FakeRoute.Returning(RouteNames.Keyword)];

        // Act
        var decision = await router.RouteAsync(new RoutingQuestion("What does RK-4291 mean?", "en", ReadOnlyMemory<float>.Empty), routes);

        // Assert
        Assert.Equal(("llm", RouteNames.Keyword, "an error code"), (decision.Router, decision.Primary, decision.Reason));
        var format = Assert.Single(server.Requests).Body["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.Equal("route_decision", format["json_schema"]!["name"]!.GetValue<string>());
        var names = format["json_schema"]!["schema"]!["properties"]!["routes"]!["items"]!["properties"]!["name"]!["enum"]!.AsArray();
        Assert.Equal([RouteNames.Vector, RouteNames.Keyword], names.Select(n => n!.GetValue<string>()));
    }
}
