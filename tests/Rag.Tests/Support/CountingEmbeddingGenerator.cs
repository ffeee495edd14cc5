using Microsoft.Extensions.AI;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// The real embedding generator with a counter in front: proves how much embedding work a step did. Not disposing:
/// the inner generator is the shared model.
/// </summary>
internal sealed class CountingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _inner;
    private int _inputs;

    public CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) => _inner = inner;

    /// <summary>Texts embedded so far.</summary>
    public int Inputs => Volatile.Read(ref _inputs);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Add(ref _inputs, list.Count);
        return _inner.GenerateAsync(list, options, cancellationToken);
    }

    // Delegated so the pipeline sees the same model id and does not take the counter for a new model.
    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }
}
