using Assistant.Rag.Indexes;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests;

/// <summary>The engine as the host composes it with <c>AddRag</c>.</summary>
public sealed class ServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("vectors")]
    [InlineData("keywords")]
    public async Task TheHostStartsOverACorruptDerivedIndexAndRebuildsItFromTheCatalog(string damaged)
    {
        // Arrange
        int chunks;
        using (var engine = await TestEngine.OpenAsync(_folder.Path))
        {
            await engine.Pipeline.IngestAsync(KnowledgeBase.Source, KnowledgeBase.All);
            chunks = engine.Index.Catalog.Count().Chunks;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(_folder.Path, damaged)).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            await File.WriteAllTextAsync(file, "not an index file");
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Rag:IndexPath"] = _folder.Path })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddRag(configuration, _folder.Path);
        using var provider = services.BuildServiceProvider();

        // Act
        var index = provider.GetRequiredService<KnowledgeIndex>();
        await index.OpenAsync();

        // Assert
        Assert.Equal(chunks, index.Vectors.Count);
        Assert.Equal(chunks, index.Keywords.Count);
        Assert.NotEmpty(await index.Vectors.SearchAsync(new float[Rag.Embeddings.MiniLmModel.Dimensions], 5));
        Assert.NotEmpty(await index.Keywords.SearchAsync("GlobalProtect", 5));
    }

    [Theory]
    [InlineData("http://localhost:11434/v1", 3)]
    [InlineData("", 0)]
    public void HypotheticalQuestionsAreOnOnlyWhenAnLlmIsConfigured(string endpoint, int expected)
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rag:IndexPath"] = _folder.Path,
                ["Rag:Ingestion:HypotheticalQuestions"] = "3",
                ["Llm:Endpoint"] = endpoint,
                ["Llm:Model"] = "m",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddRag(configuration, _folder.Path);
        using var provider = services.BuildServiceProvider();

        // Act
        var generator = provider.GetRequiredService<Rag.Ingestion.HypotheticalQuestionGenerator>();
        provider.GetRequiredService<Rag.Ingestion.IngestionPipeline>();

        // Assert
        Assert.Equal(expected, generator.QuestionsPerChunk);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryLlmStepIsChosenByWhetherAChatClientIsRegistered(bool llm)
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Rag:IndexPath"] = _folder.Path }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddRag(configuration, _folder.Path);
        if (llm)
        {
            services.AddSingleton<Microsoft.Extensions.AI.IChatClient>(ScriptedChatClient.Replying("ok"));
        }

        using var provider = services.BuildServiceProvider();

        // Act
        var calls = provider.GetRequiredService<Rag.Llm.ILlmCalls>();
        var answers = provider.GetRequiredService<Rag.Generation.IAnswerGenerator>();
        var rewriter = provider.GetRequiredService<Rag.Query.IQuestionRewriter>();
        var router = provider.GetRequiredService<Rag.Routing.IIntentRouter>();

        // Assert
        Assert.Equal(llm, calls.IsAvailable);
        Assert.Equal(llm ? typeof(Rag.Generation.LlmAnswerGenerator) : typeof(Rag.Generation.ExtractiveAnswerGenerator), answers.GetType());
        Assert.Equal(llm ? typeof(Rag.Query.LlmQuestionRewriter) : typeof(Rag.Query.RuleBasedQuestionRewriter), rewriter.GetType());
        Assert.Equal(llm ? typeof(Rag.Routing.LlmIntentRouter) : typeof(Rag.Routing.EmbeddedIntentRouter), router.GetType());
        Assert.Equal(llm, provider.GetRequiredService<Rag.Query.QueryExpander>().IsAvailable);
    }

    public void Dispose() => _folder.Dispose();
}
