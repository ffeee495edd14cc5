using Assistant.Rag.Indexes;
using BenchmarkDotNet.Attributes;

namespace Assistant.Benchmarks;

/// <summary>
/// One top-100 query (what retrieval asks a route for) over 100,000 synthetic 384-dimensional chunks in 5,000 documents of
/// 20 chunks: the flat int8 index against two-level search (document means first, then the chunks of the best N documents).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*TwoLevel*'</c>.</remarks>
[Config(typeof(TwoLevelSearchConfig))]
[MemoryDiagnoser]
public class TwoLevelSearchBenchmarks : IDisposable
{
    private const int Chunks = 100_000;
    private Int8FlatVectorIndex? _flat;
    private TwoLevelVectorIndex? _twoLevel;
    private float[] _query = [];
    private string _directory = "";

    [Params(20, 100)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var vectors = ClusteredVectors.Create(Chunks, VectorSearchBenchmarks.Dimensions, VectorSearchBenchmarks.Clusters, seed: 42);
        var records = vectors.Select((v, i) => new VectorRecord(VectorSearchBenchmarks.ChunkId(i), v)).ToArray();
        _query = ClusteredVectors.Near(new Random(7), vectors[Chunks / 3]);
        _directory = Path.Combine(Path.GetTempPath(), "two-level-benchmarks", Guid.NewGuid().ToString("N"));
        _flat = VectorSearchBenchmarks.OpenSaved(_directory, records);
        _twoLevel = new TwoLevelVectorIndex(_flat, records, Documents);
    }

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<ScoredId>> Flat() => _flat!.SearchAsync(_query, 100);

    [Benchmark]
    public Task<IReadOnlyList<ScoredId>> TwoLevel() => _twoLevel!.SearchAsync(_query, 100);

    [GlobalCleanup]
    public void Dispose()
    {
        _flat?.Dispose();
        _flat = null;
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
