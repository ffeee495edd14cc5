using System.Globalization;
using Assistant.Rag.Indexes;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Assistant.Benchmarks;

/// <summary>
/// Managed heap bytes per chunk held by the structure a benchmark searches (vectors, scales, ids and the id map),
/// measured in the host process as the growth of <see cref="GC.GetTotalMemory(bool)"/> while loading it. The int8 index
/// is saved and reopened first, as a host finds it, so its float vectors are mapped rather than on the heap.
/// </summary>
internal sealed class BytesPerChunkColumn() : VectorIndexBytesColumn(
    nameof(BytesPerChunkColumn),
    "Bytes/chunk",
    "Managed heap bytes per chunk of the loaded index, ids included (host process, GC.GetTotalMemory)",
    0)
{
    protected override long Measure(string method, int chunks)
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
            // Written by a throwaway index in this same window: whatever it leaves on the heap counts against us.
            loaded = VectorSearchBenchmarks.OpenSaved(directory, records);
        }

        // The baseline shares the records' id strings, which existed before; count them again, as a loaded index owns
        // them. The reopened int8 index read its own id strings from its file, so they are already in the difference.
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var idBytes = loaded is FloatBruteForceIndex ? records.Sum(r => 22L + (2L * r.Id.Length)) : 0;
        GC.KeepAlive(loaded);
        GC.KeepAlive(records);
        (loaded as IDisposable)?.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return after - before + idBytes;
    }
}
