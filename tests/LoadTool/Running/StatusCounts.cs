using System.Collections.Concurrent;

namespace Assistant.LoadTool.Running;

/// <summary>Counts of outcomes by name ("200", "503", "timeout", "refused"), added from any thread.</summary>
internal sealed class StatusCounts
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string status) => _counts.AddOrUpdate(status, 1, (_, n) => n + 1);

    public int this[string status] => _counts.TryGetValue(status, out var n) ? n : 0;

    public int Total => _counts.Values.Sum();

    /// <summary>"200×812 503×3", sorted by name; "-" when empty.</summary>
    public override string ToString() =>
        _counts.IsEmpty ? "-" : string.Join(' ', _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}×{c.Value}"));
}
