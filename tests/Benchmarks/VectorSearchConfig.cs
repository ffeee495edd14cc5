using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Assistant.Benchmarks;

/// <summary>Short runs (the whole vector suite finishes in a few minutes) with p50/p95 and the heap and mapped bytes-per-chunk columns.</summary>
internal sealed class VectorSearchConfig : ManualConfig
{
    public VectorSearchConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
        AddColumn(StatisticColumn.P50, StatisticColumn.P95, new BytesPerChunkColumn(), new MappedBytesPerChunkColumn());
    }
}
