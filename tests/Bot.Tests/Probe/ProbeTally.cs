using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Assistant.Bot.Tests.Probe;

/// <summary>
/// Requests sent and statuses received, per class of bad input, shared by every probe test of the run, so the output
/// of each test shows its class and the run's totals so far.
/// </summary>
internal static class ProbeTally
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<int, int>> Counts = new(StringComparer.Ordinal);

    public static void Record(string probeClass, HttpStatusCode status) =>
        Counts.GetOrAdd(probeClass, _ => new ConcurrentDictionary<int, int>()).AddOrUpdate((int)status, 1, (_, n) => n + 1);

    /// <summary>The statuses of <paramref name="probeClass"/> with their counts.</summary>
    public static IReadOnlyDictionary<int, int> Of(string probeClass) =>
        Counts.TryGetValue(probeClass, out var statuses) ? statuses.ToDictionary() : new Dictionary<int, int>();

    /// <summary>"class: N requests (400×3, 413×1)".</summary>
    public static string Line(string probeClass)
    {
        var statuses = Of(probeClass);
        var parts = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}×{s.Value}")));
        return string.Create(CultureInfo.InvariantCulture, $"{probeClass}: {statuses.Values.Sum()} requests ({parts})");
    }

    /// <summary>Every class recorded so far, one line each, and the total of 5xx responses.</summary>
    public static string Summary()
    {
        var lines = Counts.Keys.Order(StringComparer.Ordinal).Select(Line).ToList();
        var errors = Counts.Values.SelectMany(s => s).Where(s => s.Key >= 500).Sum(s => s.Value);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"total: {Counts.Values.SelectMany(s => s.Values).Sum()} requests, {errors} responses >= 500"));
        return string.Join(Environment.NewLine, lines);
    }
}
