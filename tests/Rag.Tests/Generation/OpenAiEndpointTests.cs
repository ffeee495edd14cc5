using Assistant.Rag.Generation;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Rag.Tests.Generation;

/// <summary>The configured LLM path end to end: AddRag's real OpenAI-compatible connector against a local stub server.</summary>
public sealed class OpenAiEndpointTests
{
    private const string Question = "How often are laptops replaced?";

    private static ServiceProvider Services(string endpoint, string index) => new ServiceCollection()
        .AddLogging()
        .AddRag(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rag:IndexPath"] = index,
                ["Llm:Endpoint"] = endpoint,
                ["Llm:Model"] = "test-model",
                ["Llm:ApiKey"] = "test-key",
                ["Llm:TimeoutSeconds"] = "10",
            }).Build(),
            contentRoot: index)
        .BuildServiceProvider();

    [Fact]
    public async Task TheConfiguredEndpointWritesTheAnswerOverRealHttp()
    {
        await using var server = new OpenAiStubServer(_ => (200, "Laptops are replaced every four years [1]."));
        using var index = new TempFolder();
        await using var services = Services(server.BaseUrl, index.Path);
        var generator = services.GetRequiredService<IAnswerGenerator>();
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Laptops);

        var draft = await generator.GenerateAsync(Question, retrieval);

        Assert.IsType<LlmAnswerGenerator>(generator);
        Assert.Equal(AnswerKind.Generated, draft.Kind);
        Assert.Equal("Laptops are replaced every four years [1].", draft.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key", request.Authorization);
        Assert.Equal("test-model", request.Body["model"]!.GetValue<string>());
        Assert.Contains("[1] Laptop replacement", request.Body["messages"]![1]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEndpointThatFailsGivesTheExtractiveAnswer()
    {
        await using var server = new OpenAiStubServer(_ => (500, "model overloaded"));
        using var index = new TempFolder();
        await using var services = Services(server.BaseUrl, index.Path);
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Laptops);

        var draft = await services.GetRequiredService<IAnswerGenerator>().GenerateAsync(Question, retrieval);

        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.Contains("four years", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnEndpointTheAnswerIsExtractive()
    {
        using var index = new TempFolder();
        using var services = Services(string.Empty, index.Path);

        Assert.IsType<ExtractiveAnswerGenerator>(services.GetRequiredService<IAnswerGenerator>());
    }
}
