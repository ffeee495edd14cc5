using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Assistant.Benchmarks;

/// <summary>Short runs with p50/p95, as for the flat vector search.</summary>
internal sealed class TwoLevelSearchConfig : ManualConfig
{
    public TwoLevelSearchConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
        AddColumn(StatisticColumn.P50, StatisticColumn.P95);
    }
}
