using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Assistant.Benchmarks;

/// <summary>A bytes-per-chunk column of <see cref="VectorSearchBenchmarks"/>: measured once per method and size, then cached.</summary>
internal abstract class VectorIndexBytesColumn(string id, string columnName, string legend, int priority)
    : CustomColumn(id, columnName, legend, UnitType.Size, priority)
{
    private readonly ConcurrentDictionary<(string Method, int Chunks), long> _measured = new();

    protected sealed override string Value(Summary summary, BenchmarkCase benchmarkCase)
    {
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var chunks = Convert.ToInt32(benchmarkCase.Parameters[nameof(VectorSearchBenchmarks.Chunks)], CultureInfo.InvariantCulture);
        var bytes = _measured.GetOrAdd((method, chunks), key => Measure(key.Method, key.Chunks));
        return (bytes / (double)chunks).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <summary>Total bytes the index of <paramref name="method"/> holds for <paramref name="chunks"/> chunks.</summary>
    protected abstract long Measure(string method, int chunks);
}
