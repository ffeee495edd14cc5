using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Assistant.Benchmarks;

/// <summary>Chunks per second: the reciprocal of the mean time per operation, each operation being one chunk.</summary>
internal sealed class ChunksPerSecondColumn : IColumn
{
    public string Id => nameof(ChunksPerSecondColumn);

    public string ColumnName => "Chunks/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Chunks embedded (or ingested) per second of wall time: 1 / mean time per chunk";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return nanoseconds is > 0 ? (1e9 / nanoseconds.Value).ToString("N1", CultureInfo.InvariantCulture) : "?";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
