using System.Globalization;
using Assistant.Rag.Indexes;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Assistant.Benchmarks;

/// <summary>
/// File bytes per chunk that the int8 index memory-maps for re-scoring (its <c>*.f32</c> file): page cache, not heap,
/// and only the pages of the candidates are read. Zero for the float baseline, which holds everything on the heap.
/// </summary>
internal sealed class MappedBytesPerChunkColumn() : VectorIndexBytesColumn(
    nameof(MappedBytesPerChunkColumn),
    "Mapped/chunk",
    "Memory-mapped file bytes per chunk (the full-precision vectors the int8 index re-scores from)",
    1)
{
    protected override long Measure(string method, int chunks)
    {
        if (method == nameof(VectorSearchBenchmarks.FloatBruteForce))
        {
            return 0;
        }

        var vectors = ClusteredVectors.Create(chunks, VectorSearchBenchmarks.Dimensions, VectorSearchBenchmarks.Clusters, seed: 42);
        var records = vectors.Select((v, i) => new VectorRecord(VectorSearchBenchmarks.ChunkId(i), v)).ToArray();
        var directory = Path.Combine(Path.GetTempPath(), "mapped-per-chunk", Guid.NewGuid().ToString("N"));
        long bytes;
        using (VectorSearchBenchmarks.OpenSaved(directory, records))
        {
            bytes = Directory.EnumerateFiles(directory, "*.f32").Sum(f => new FileInfo(f).Length);
        }

        Directory.Delete(directory, recursive: true);
        return bytes;
    }
}
