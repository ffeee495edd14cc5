using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Embeddings;

/// <summary>
/// The embedded default embedding model: all-MiniLM-L6-v2 on the CPU, 384 dimensions, no download.
/// </summary>
/// <remarks>
/// Thread-safe. Inputs longer than the model's 256-token window are truncated (the model never saw more).
/// Inputs are sorted by length and batched so little work is spent on padding; one ONNX session uses every core.
/// Vectors are L2-normalised.
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, ITokenCounter
{
    private const int TokensPerBatch = 2048;
    private const int MaxBatch = 32;
    private readonly MiniLmModel _model;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WordPieceTokenCounter _counter = new();

    /// <summary>Loads the model from the package; <paramref name="threads"/> defaults to every core.</summary>
    public MiniLmEmbeddingGenerator(int? threads = null)
    {
        _model = new MiniLmModel(threads ?? Environment.ProcessorCount);
        _metadata = new EmbeddingGeneratorMetadata("sentence-transformers", null, MiniLmModel.ModelId, MiniLmModel.Dimensions);
    }

    /// <inheritdoc />
    public int CountTokens(string text) => _counter.CountTokens(text);

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        var tokens = texts.Select(_model.Tokenize).ToArray();
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Length][];
        var timestamp = Stopwatch.GetTimestamp();

        // One inference at a time: the session already spreads one batch over all cores.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var start = 0;
            while (start < order.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = start;
                while (end < order.Length && end - start < MaxBatch && (end - start + 1) * tokens[order[end]].Length <= Math.Max(TokensPerBatch, tokens[order[end]].Length))
                {
                    end++;
                }

                var batch = order[start..end];
                var embedded = await Task.Run(() => _model.Embed(batch.Select(i => tokens[i]).ToArray()), cancellationToken).ConfigureAwait(false);
                for (var j = 0; j < batch.Length; j++)
                {
                    vectors[batch[j]] = embedded[j];
                }

                start = end;
            }
        }
        finally
        {
            _gate.Release();
        }

        var created = DateTimeOffset.UtcNow;
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = MiniLmModel.ModelId, CreatedAt = created }))
        {
            Usage = new UsageDetails { InputTokenCount = tokens.Sum(t => (long)t.Length) },
        };
        result.AdditionalProperties ??= [];
        result.AdditionalProperties["elapsedMs"] = Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
        return result;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _model.Dispose();
        _gate.Dispose();
    }
}
