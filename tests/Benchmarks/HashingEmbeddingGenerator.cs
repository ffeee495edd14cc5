using Microsoft.Extensions.AI;

namespace Assistant.Benchmarks;

/// <summary>Stand-in embeddings (unit vectors seeded by the text's hash) for measuring storage, not quality.</summary>
internal sealed class HashingEmbeddingGenerator(int dimensions) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = values.Select(text =>
        {
            var random = new Random(StringComparer.Ordinal.GetHashCode(text));
            var vector = new float[dimensions];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(random.NextDouble() - 0.5);
            }

            System.Numerics.Tensors.TensorPrimitives.Divide(vector, System.Numerics.Tensors.TensorPrimitives.Norm(vector), vector);
            return new Embedding<float>(vector);
        });
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
