using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Assistant.Bot.Tests.Hygiene;

/// <summary>
/// Every log message of the product has its own EventId, inside its area's range, so an operator's alert on an id
/// means one thing (areas and ranges as listed here; a new area gets a range here first).
/// </summary>
public sealed class EventIdTests
{
    private static readonly (string Namespace, int From, int To)[] Ranges =
    [
        ("Assistant.Rag.Indexes", 1100, 1199),
        ("Assistant.Rag.Ingestion", 1200, 1299),
        ("Assistant.Rag.Routing", 1300, 1399),
        ("Assistant.Rag.Retrieval", 1300, 1399),
        ("Assistant.Rag.Generation", 1400, 1499),
        ("Assistant.Rag.Memory", 1500, 1549),
        ("Assistant.Rag.Query", 1550, 1599),
        ("Assistant.Rag.Feedback", 1600, 1649),
        ("Assistant.Rag.Llm", 1700, 1749),
        ("Assistant.Rag.Graph", 1850, 1899),
        ("Assistant.Rag.Sql", 1800, 1849),
        ("Assistant.Rag", 1000, 1099),
        ("Assistant.Connectors", 2000, 2999),
        ("Assistant.Bot.Hosting", 3000, 3099),
        ("Assistant.Bot.Cli", 3000, 3099),
        ("Assistant.Bot.Channels", 3100, 3199),
        ("Assistant.Bot.Playground", 3200, 3299),
        ("Assistant.Bot.Slack", 3300, 3399),
        ("Assistant.Bot.Teams", 3400, 3499),
        ("Assistant.Bot", 3000, 3999),
    ];

    [Fact]
    public void NoTwoLogMessagesInTheSolutionShareAnEventId()
    {
        var messages = LogMessages().ToList();
        Assert.True(messages.Count > 100, $"Only {messages.Count} log messages were found: the scan is broken.");

        var shared = messages.GroupBy(m => m.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}")
            .ToList();

        Assert.True(shared.Count == 0, "EventIds used twice: " + string.Join("; ", shared));
    }

    [Fact]
    public void EveryEventIdLiesInItsAreasRange()
    {
        var outside = LogMessages()
            .Select(m => (m.Name, m.Id, Range: Ranges.First(r => m.Namespace == r.Namespace || m.Namespace.StartsWith(r.Namespace + ".", StringComparison.Ordinal))))
            .Where(m => m.Id < m.Range.From || m.Id > m.Range.To)
            .Select(m => $"{m.Name} = {m.Id} (range {m.Range.From}-{m.Range.To})")
            .ToList();

        Assert.True(outside.Count == 0, "EventIds outside their area's range: " + string.Join("; ", outside));
    }

    private static IEnumerable<(string Namespace, string Name, int Id)> LogMessages()
    {
        Assembly[] assemblies = [typeof(Program).Assembly, typeof(Rag.IAssistant).Assembly, typeof(Connectors.FileSystem.FileSystemConnector).Assembly];
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            foreach (var method in type.GetMethods(All))
            {
                if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } attribute)
                {
                    var top = type;
                    while (top.DeclaringType is not null)
                    {
                        top = top.DeclaringType;
                    }

                    yield return (top.Namespace ?? string.Empty, $"{type.FullName}.{method.Name}", attribute.EventId);
                }
            }
        }
    }
}
