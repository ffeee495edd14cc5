using System.Globalization;
using Assistant.Rag.Indexes;
using BenchmarkDotNet.Attributes;

namespace Assistant.Benchmarks;

/// <summary>
/// One top-10 query over 384-dimensional chunk embeddings (all-MiniLM-L6-v2 size), int8 index against a float
/// brute-force baseline. Bytes/chunk is the managed heap each holds per chunk; Mapped/chunk the file bytes the int8
/// index maps for its full-precision re-scoring (page cache, read only for the candidates).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*VectorSearch*'</c>.</remarks>
[Config(typeof(VectorSearchConfig))]
[MemoryDiagnoser]
public class VectorSearchBenchmarks : IDisposable
{
    internal const int Dimensions = 384;
    internal const int Clusters = 500;

    private Int8FlatVectorIndex? _index;
    private FloatBruteForceIndex? _baseline;
    private float[] _query = [];
    private string _directory = "";

    [Params(10_000, 100_000)]
    public int Chunks { get; set; }

    internal static string ChunkId(int i) => "doc-" + (i / 20).ToString(CultureInfo.InvariantCulture) + "#0." + (i % 20).ToString(CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void Setup()
    {
        var vectors = ClusteredVectors.Create(Chunks, Dimensions, Clusters, seed: 42);
        var records = vectors.Select((v, i) => new VectorRecord(ChunkId(i), v)).ToArray();
        _query = ClusteredVectors.Near(new Random(7), vectors[Chunks / 3]);
        _directory = Path.Combine(Path.GetTempPath(), "vector-search-benchmarks", Guid.NewGuid().ToString("N"));
        _index = OpenSaved(_directory, records);
        _baseline = new FloatBruteForceIndex(records);
    }

    /// <summary>An index as a host finds it: saved, then reopened, so its float vectors are mapped from the file.</summary>
    internal static Int8FlatVectorIndex OpenSaved(string directory, IReadOnlyList<VectorRecord> records)
    {
        using (var writer = new Int8FlatVectorIndex(directory, Dimensions))
        {
            writer.UpsertAsync(records).GetAwaiter().GetResult();
            writer.SaveAsync().GetAwaiter().GetResult();
        }

        return new Int8FlatVectorIndex(directory, Dimensions);
    }

    [Benchmark]
    public Task<IReadOnlyList<ScoredId>> Int8FlatSearch() => _index!.SearchAsync(_query, 10);

    [Benchmark(Baseline = true)]
    public ScoredId[] FloatBruteForce() => _baseline!.Search(_query, 10);

    [GlobalCleanup]
    public void Dispose()
    {
        _index?.Dispose();
        _index = null;
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
