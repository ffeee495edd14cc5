using System.Collections.Concurrent;
using Assistant.Rag.Generation;
using Assistant.Rag.Memory;
using Assistant.Rag.Query;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Tests.Generation;

/// <summary>
/// The one LLM connection, through AddRag and the real OpenAI HTTP connector against a local stub server: providers,
/// retries, the key's handling, and every LLM step sharing the registered <see cref="IChatClient"/>.
/// </summary>
public sealed class LlmConnectionTests
{
    private const string Question = "How often are laptops replaced?";
    private const string Key = "sk-test-4f1c9a7e";

    [Fact]
    public async Task AzureOpenAiIsCalledOnItsV1PathWithTheKeyInTheApiKeyHeader()
    {
        await using var server = new OpenAiStubServer(_ => (200, "Laptops are replaced every four years [1]."));
        using var index = new TempFolder();
        var resource = server.BaseUrl[..^"/v1".Length];
        await using var services = Services(index.Path, new() { ["Llm:Provider"] = "AzureOpenAI", ["Llm:Endpoint"] = resource, ["Llm:Model"] = "gpt-4o-mini-deployment" });
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Laptops);

        var draft = await services.GetRequiredService<IAnswerGenerator>().GenerateAsync(Question, retrieval);

        Assert.Equal(AnswerKind.Generated, draft.Kind);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal(Key, request.ApiKey);
        Assert.Null(request.Authorization);
        Assert.Equal("gpt-4o-mini-deployment", request.Body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task A429IsRetriedWithBackoffAndTheAnswerStillComesFromTheLlm()
    {
        var calls = 0;
        await using var server = new OpenAiStubServer(_ => Interlocked.Increment(ref calls) == 1 ? (429, "rate limited") : (200, "Every four years [1]."));
        using var index = new TempFolder();
        await using var services = Services(index.Path, new() { ["Llm:Endpoint"] = server.BaseUrl, ["Llm:Model"] = "m", ["Llm:MaxRetries"] = "2" });
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Laptops);

        var draft = await services.GetRequiredService<IAnswerGenerator>().GenerateAsync(Question, retrieval);

        Assert.Equal(AnswerKind.Generated, draft.Kind);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("Bearer " + Key, server.Requests[1].Authorization);
    }

    [Fact]
    public async Task TheKeyIsNeverWrittenToTheLogEvenWhenTheEndpointFails()
    {
        await using var server = new OpenAiStubServer(_ => (500, "upstream exploded"));
        using var index = new TempFolder();
        var log = new ConcurrentQueue<string>();
        await using var services = Services(index.Path, new() { ["Llm:Endpoint"] = server.BaseUrl, ["Llm:Model"] = "m", ["Llm:MaxRetries"] = "0" }, log);
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Laptops);

        var draft = await services.GetRequiredService<IAnswerGenerator>().GenerateAsync(Question, retrieval);
        await services.GetRequiredService<IQuestionRewriter>().RewriteAsync("and for contractors?", History("How many days of annual leave do employees get?"));

        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.NotEmpty(log);
        Assert.DoesNotContain(log, line => line.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFollowUpRewriteUsesTheSameConnectionOverRealHttp()
    {
        await using var server = new OpenAiStubServer(_ => (200, "How many days of annual leave do contractors get?"));
        using var index = new TempFolder();
        await using var services = Services(index.Path, new() { ["Llm:Endpoint"] = server.BaseUrl, ["Llm:Model"] = "m" });
        var rewriter = services.GetRequiredService<IQuestionRewriter>();

        var rewritten = await rewriter.RewriteAsync("and for contractors?", History("How many days of annual leave do employees get?"));

        Assert.IsType<LlmQuestionRewriter>(rewriter);
        Assert.Equal("How many days of annual leave do contractors get?", rewritten);
        var prompt = Assert.Single(server.Requests).Body["messages"]![1]!["content"]!.GetValue<string>();
        Assert.Contains("How many days of annual leave do employees get?", prompt, StringComparison.Ordinal);
        Assert.Contains("and for contractors?", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnEndpointNoChatClientIsRegisteredAndEveryStepUsesItsEmbeddedPath()
    {
        using var index = new TempFolder();
        using var services = Services(index.Path, []);

        Assert.Null(services.GetService<IChatClient>());
        Assert.IsType<RuleBasedQuestionRewriter>(services.GetRequiredService<IQuestionRewriter>());
        Assert.IsType<ExtractiveAnswerGenerator>(services.GetRequiredService<IAnswerGenerator>());
        Assert.IsType<InProcessConversationMemory>(services.GetRequiredService<IConversationMemory>());
    }

    [Fact]
    public void AzureOpenAiWithoutAKeyStopsTheStartWithAMessageNamingTheSetting()
    {
        using var index = new TempFolder();
        using var services = Services(index.Path, new() { ["Llm:Provider"] = "AzureOpenAI", ["Llm:Endpoint"] = "https://example.openai.azure.com", ["Llm:Model"] = "d", ["Llm:ApiKey"] = string.Empty });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        Assert.Contains("Llm:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AzureOpenAI", "https://fernhill.openai.azure.com", "https://fernhill.openai.azure.com/openai/v1")]
    [InlineData("AzureOpenAI", "https://fernhill.openai.azure.com/openai/v1/", "https://fernhill.openai.azure.com/openai/v1")]
    [InlineData("OpenAI", "http://localhost:11434/v1", "http://localhost:11434/v1")]
    public void TheBaseUrlFollowsTheProvider(string provider, string endpoint, string expected)
    {
        Assert.Equal(new Uri(expected), OpenAiClientFactory.BaseUrl(Enum.Parse<LlmProvider>(provider), endpoint));
    }

    private static ConversationHistory History(string previous) => new(null, [new ConversationTurn(previous, previous, "An answer.", [], DateTimeOffset.UnixEpoch)]);

    private static ServiceProvider Services(string index, Dictionary<string, string?> settings, ConcurrentQueue<string>? log = null)
    {
        settings["Rag:IndexPath"] = index;
        settings.TryAdd("Llm:ApiKey", Key);
        settings.TryAdd("Llm:TimeoutSeconds", "10");
        return new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                if (log is not null)
                {
                    logging.AddProvider(new QueueLoggerProvider(log));
                }
            })
            .AddRag(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), contentRoot: index)
            .BuildServiceProvider();
    }
}
