using System.Globalization;
using Assistant.Rag.Embeddings;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Assistant.Benchmarks;

/// <summary>
/// The whole index folder (catalog, int8 and float vector files, Lucene) per chunk, on disk or as managed heap after
/// loading it, for <see cref="Chunks"/> synthetic chunks ingested through the real pipeline with a hashing embedder
/// (the model's vectors would cost minutes and take the same bytes). Shown on the pipeline row only. Measured in the
/// host process; the details, including the growth between 1 000 and 4 000 chunks, are printed to the console.
/// </summary>
internal sealed class IndexBytesPerChunkColumn(bool onDisk) : CustomColumn(
    nameof(IndexBytesPerChunkColumn) + (onDisk ? "Disk" : "Heap"),
    onDisk ? "Disk/chunk" : "Heap/chunk",
    onDisk
        ? $"Bytes on disk per chunk of the whole index folder after ingesting {IndexChunks} chunks"
        : "Managed heap bytes per chunk after loading that index folder (catalog, vectors, Lucene; float vectors are mapped, not counted)",
    UnitType.Size,
    onDisk ? 1 : 2)
{
    /// <summary>Chunks ingested for the measurement.</summary>
    public const int IndexChunks = 4000;

    private const int Chunks = IndexChunks;
    private const int FewerChunks = 1000;
    private static readonly Lazy<(double Disk, double Heap)> Measured = new(Measure);

    protected override string Value(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.WorkloadMethod.Name != nameof(IngestBenchmarks.IngestionPipeline))
        {
            return "-";
        }

        var (disk, heap) = Measured.Value;
        return (onDisk ? disk : heap).ToString("N0", CultureInfo.InvariantCulture);
    }

    private static (double Disk, double Heap) Measure()
    {
        var few = MeasureAt(FewerChunks);
        var many = MeasureAt(Chunks);
        var diskSlope = (many.Disk - few.Disk) / (double)(Chunks - FewerChunks);
        var heapSlope = (many.Heap - few.Heap) / (double)(Chunks - FewerChunks);
        Console.WriteLine($"// MemoryPerChunk: {FewerChunks} chunks: disk {few.Disk:N0} B, heap {few.Heap:N0} B; {Chunks} chunks: disk {many.Disk:N0} B, heap {many.Heap:N0} B");
        Console.WriteLine($"// MemoryPerChunk at {Chunks} chunks: disk {many.Disk / (double)Chunks:N0} B/chunk, heap {many.Heap / (double)Chunks:N0} B/chunk; marginal ({FewerChunks}->{Chunks}): disk {diskSlope:N0} B/chunk, heap {heapSlope:N0} B/chunk");
        return (many.Disk / (double)Chunks, many.Heap / (double)Chunks);
    }

    private static (long Disk, long Heap) MeasureAt(int chunks)
    {
        var documents = SyntheticPassages.Create(chunks, IngestBenchmarks.MinTokens, IngestBenchmarks.MaxTokens, seed: 2).Select(IngestBenchmarks.Document).ToArray();
        using var embedder = new HashingEmbeddingGenerator(MiniLmModel.Dimensions);
        var writer = new IngestTarget(embedder);
        try
        {
            writer.Pipeline.IngestAsync("bench", documents).GetAwaiter().GetResult();
            writer.Dispose(keepFiles: true);
            var disk = Directory.EnumerateFiles(writer.Folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

            var before = GC.GetTotalMemory(forceFullCollection: true);
            var reader = new IngestTarget(embedder, writer.Folder);
            reader.Index.OpenAsync().GetAwaiter().GetResult();
            if (reader.Vectors.Count != chunks || reader.Keywords.Count != chunks)
            {
                throw new InvalidOperationException($"Expected {chunks} chunks, loaded {reader.Vectors.Count} vectors and {reader.Keywords.Count} keyword documents.");
            }

            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(reader);
            reader.Dispose(keepFiles: true);
            return (disk, after - before);
        }
        finally
        {
            writer.Dispose(keepFiles: false);
        }
    }
}
