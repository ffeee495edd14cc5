using Assistant.Rag.Embeddings;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// A deterministic embedding generator for chunking tests: a text's vector points along the axis of the first topic word it
/// contains (so sentences on one topic have similarity 1, on different topics 0), or along a last axis for none. Counts
/// the texts it embedded. Vectors have the model's dimensions, so they fit the real vector index.
/// </summary>
internal sealed class TopicEmbeddingGenerator(params string[] topics) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("topics", null, "topic-axes", MiniLmModel.Dimensions);
    private int _inputs;

    /// <summary>Texts embedded so far.</summary>
    public int Inputs => Volatile.Read(ref _inputs);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Add(ref _inputs, list.Count);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(list.Select(Embed)));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

    public void Dispose()
    {
    }

    private Embedding<float> Embed(string text)
    {
        var vector = new float[MiniLmModel.Dimensions];
        var axis = Array.FindIndex(topics, t => text.Contains(t, StringComparison.OrdinalIgnoreCase));
        vector[axis < 0 ? vector.Length - 1 : axis] = 1;
        return new Embedding<float>(vector);
    }
}
