using System.Collections.Concurrent;
using System.Globalization;
using Assistant.Rag.Indexes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Assistant.Benchmarks;

/// <summary>
/// Managed heap bytes per chunk held by the structure a benchmark searches (vectors, scales, ids and the id map),
/// measured in the host process as the growth of <see cref="GC.GetTotalMemory(bool)"/> while loading it.
/// </summary>
internal sealed class BytesPerChunkColumn : IColumn
{
    private static readonly ConcurrentDictionary<(string Method, int Chunks), long> Measured = new();

    public string Id => nameof(BytesPerChunkColumn);

    public string ColumnName => "Bytes/chunk";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Managed heap bytes per chunk of the loaded index, ids included (host process, GC.GetTotalMemory)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var chunks = Convert.ToInt32(benchmarkCase.Parameters[nameof(VectorSearchBenchmarks.Chunks)], CultureInfo.InvariantCulture);
        var bytes = Measured.GetOrAdd((method, chunks), key => Measure(key.Method, key.Chunks));
        return (bytes / (double)chunks).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    private static long Measure(string method, int chunks)
    {
        var vectors = ClusteredVectors.Create(chunks, VectorSearchBenchmarks.Dimensions, VectorSearchBenchmarks.Clusters, seed: 42);
        var records = vectors.Select((v, i) => new VectorRecord(VectorSearchBenchmarks.ChunkId(i), v)).ToArray();
        var directory = Path.Combine(Path.GetTempPath(), "bytes-per-chunk", Guid.NewGuid().ToString("N"));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        object loaded;
        if (method == nameof(VectorSearchBenchmarks.FloatBruteForce))
        {
            loaded = new FloatBruteForceIndex(records);
        }
        else
        {
            var index = new Int8FlatVectorIndex(directory, VectorSearchBenchmarks.Dimensions);
            index.UpsertAsync(records).GetAwaiter().GetResult();
            loaded = index;
        }

        // The records (and their id strings) existed before; count the ids again, as a loaded index owns them.
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var idBytes = records.Sum(r => 22L + (2L * r.Id.Length));
        GC.KeepAlive(loaded);
        GC.KeepAlive(records);
        return after - before + idBytes;
    }
}
