using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Embeddings;

/// <summary>
/// The embedded default embedding model: all-MiniLM-L6-v2 on the CPU, 384 dimensions, no download.
/// </summary>
/// <remarks>
/// Thread-safe. Inputs longer than the model's 256-token window are truncated (the model never saw more).
/// Inputs are sorted by length and batched so little work is spent on padding. Batches run in parallel on a small pool
/// of ONNX sessions with one thread each rather than on one session spread over every core: on two cores that embedded
/// about a quarter more chunks per second (IngestBenchmarks), because independent batches need no synchronisation
/// between threads. Each session holds its own copy of the weights (about 90 MB). A batch's vectors do not depend on
/// which session runs it. Vectors are L2-normalised.
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, ITokenCounter
{
    private const int TokensPerBatch = 2048;
    private const int MaxBatch = 32;

    // Weights are copied per session, so beyond a few sessions the rest of the cores go to threads within each.
    private const int MaxSessions = 4;
    private readonly MiniLmModel[] _models;
    private readonly ConcurrentBag<MiniLmModel> _idle;
    private readonly SemaphoreSlim _available;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly WordPieceTokenCounter _counter = new();

    /// <summary>Loads the model from the package; <paramref name="threads"/> (the cores to use) defaults to every core.
    /// Up to four sessions are created, one per core, the cores beyond four shared out among them.</summary>
    public MiniLmEmbeddingGenerator(int? threads = null)
    {
        var cores = Math.Max(1, threads ?? Environment.ProcessorCount);
        var sessions = Math.Min(cores, MaxSessions);
        _models = [.. Enumerable.Range(0, sessions).Select(_ => new MiniLmModel(cores / sessions))];
        _idle = [.. _models];
        _available = new SemaphoreSlim(sessions, sessions);
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
        var tokens = texts.Select(_models[0].Tokenize).ToArray();
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Length][];
        var timestamp = Stopwatch.GetTimestamp();

        var batches = new List<int[]>();
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end < order.Length && end - start < MaxBatch && (end - start + 1) * tokens[order[end]].Length <= Math.Max(TokensPerBatch, tokens[order[end]].Length))
            {
                end++;
            }

            batches.Add(order[start..end]);
            start = end;
        }

        // Each batch takes whichever session is idle; concurrent calls share the same pool.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _models.Length, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            await _available.WaitAsync(token).ConfigureAwait(false);
            _idle.TryTake(out var model);
            try
            {
                var embedded = model!.Embed(batch.Select(i => tokens[i]).ToArray());
                for (var j = 0; j < batch.Length; j++)
                {
                    vectors[batch[j]] = embedded[j];
                }
            }
            finally
            {
                _idle.Add(model!);
                _available.Release();
            }
        }).ConfigureAwait(false);

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
        foreach (var model in _models)
        {
            model.Dispose();
        }

        _available.Dispose();
    }
}
