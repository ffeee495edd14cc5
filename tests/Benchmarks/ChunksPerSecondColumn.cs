using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Assistant.Benchmarks;

/// <summary>Chunks per second: the reciprocal of the mean time per operation, each operation being one chunk.</summary>
internal sealed class ChunksPerSecondColumn() : CustomColumn(
    nameof(ChunksPerSecondColumn),
    "Chunks/s",
    "Chunks embedded (or ingested) per second of wall time: 1 / mean time per chunk",
    UnitType.Dimensionless,
    0)
{
    protected override string Value(Summary summary, BenchmarkCase benchmarkCase)
    {
        var nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return nanoseconds is > 0 ? (1e9 / nanoseconds.Value).ToString("N1", CultureInfo.InvariantCulture) : "?";
    }
}
