using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Assistant.Benchmarks;

/// <summary>
/// In-process runs (the index is built once per parameter in the setup; a separate process per run would build it
/// again), short enough for the shared two-core machine, with p50 and p95.
/// </summary>
internal sealed class EngineTurnConfig : ManualConfig
{
    public EngineTurnConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.P50, StatisticColumn.P95);
    }
}
