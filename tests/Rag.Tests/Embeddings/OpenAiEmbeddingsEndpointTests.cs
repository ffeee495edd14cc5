using Assistant.Rag.Embeddings;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Rag.Tests.Embeddings;

/// <summary>Embeddings:Endpoint swaps MiniLM for an OpenAI-compatible embeddings API, over real HTTP.</summary>
public sealed class OpenAiEmbeddingsEndpointTests
{
    [Fact]
    public async Task TheConfiguredEndpointEmbedsOverRealHttp()
    {
        await using var server = new OpenAiStubServer(_ => (200, string.Empty));
        using var index = new TempFolder();
        await using var services = new ServiceCollection().AddLogging().AddRag(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Rag:IndexPath"] = index.Path,
                ["Embeddings:Endpoint"] = server.BaseUrl,
                ["Embeddings:Model"] = "embed-test",
                ["Embeddings:Dimensions"] = "16",
                ["Embeddings:ApiKey"] = "embed-key",
            }).Build(),
            index.Path).BuildServiceProvider();
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["first text", "second"]);

        Assert.IsNotType<MiniLmEmbeddingGenerator>(generator);
        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(16, e.Vector.Length));
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("Bearer embed-key", request.Authorization);
        Assert.Equal("embed-test", request.Body["model"]!.GetValue<string>());
    }

    [Fact]
    public void AnEndpointWithoutDimensionsIsABadSettingNamedAtStart()
    {
        var options = new EmbeddingsOptions { Endpoint = "http://127.0.0.1:1/v1", Model = "m" };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("Embeddings:Dimensions", StringComparison.Ordinal));
    }
}
