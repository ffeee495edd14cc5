using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Assistant.Benchmarks;

/// <summary>
/// Short in-process runs with p50 and p95: the router suite finishes in a couple of minutes, and no separate benchmark
/// project has to be built (which overran BenchmarkDotNet's build timeout on the shared, busy build machine).
/// </summary>
internal sealed class RouterConfig : ManualConfig
{
    public RouterConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.P50, StatisticColumn.P95);
    }
}
