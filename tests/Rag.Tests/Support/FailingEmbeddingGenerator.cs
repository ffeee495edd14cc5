using Microsoft.Extensions.AI;

namespace Assistant.Rag.Tests.Support;

/// <summary>An embedding endpoint that is down: every call throws, as an HTTP client would on a refused connection.</summary>
internal sealed class FailingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _model;

    public FailingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> model) => _model = model;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new HttpRequestException("Connection refused (embeddings.example:443)");

    // Same model id as the index was built with, so only the calls fail.
    public object? GetService(Type serviceType, object? serviceKey = null) => _model.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }
}
