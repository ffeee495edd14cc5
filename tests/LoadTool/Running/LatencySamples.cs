namespace Assistant.LoadTool.Running;

/// <summary>Latencies in milliseconds, added from any thread; percentiles by nearest rank.</summary>
internal sealed class LatencySamples
{
    private readonly List<double> _values = [];

    public int Count
    {
        get
        {
            lock (_values)
            {
                return _values.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_values)
        {
            _values.Add(milliseconds);
        }
    }

    /// <summary>The <paramref name="percent"/>th percentile, or NaN with no samples.</summary>
    public double Percentile(double percent)
    {
        double[] sorted;
        lock (_values)
        {
            sorted = [.. _values];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double Max() => Percentile(100);
}
