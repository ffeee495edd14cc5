using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Assistant.Benchmarks;

/// <summary>
/// One invocation per iteration (an invocation embeds all 64 passages and takes seconds), one warm-up and three
/// measured iterations; chunks/second and the whole index's disk and heap bytes per chunk as extra columns.
/// </summary>
internal sealed class IngestConfig : ManualConfig
{
    public IngestConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        AddColumn(new ChunksPerSecondColumn(), new IndexBytesPerChunkColumn(onDisk: true), new IndexBytesPerChunkColumn(onDisk: false));
    }
}
