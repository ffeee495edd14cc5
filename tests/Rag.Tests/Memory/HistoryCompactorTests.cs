using Assistant.Rag.Memory;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Tests.Memory;

/// <summary>How a history is kept within its bounds when the LLM that would summarise it fails.</summary>
public sealed class HistoryCompactorTests
{
    private static readonly MemoryOptions Options = new() { MaxTurns = 2, SummaryTimeoutSeconds = 1 };

    [Fact]
    public async Task WhenTheLlmFailsTheOldestTurnIsDroppedAndTheEarlierSummaryKept()
    {
        using var logs = new CollectingLoggerProvider();
        using var factory = logs.Factory();
        var compactor = TestEngine.Compactor(Options, TestLlm.Calls(ScriptedChatClient.Failing(new HttpRequestException("503")), logs: factory));
        var history = new ConversationHistory("Earlier: asked about VPN.", [Turn("one"), Turn("two")]);

        var next = await compactor.AppendAsync(history, Turn("three"));

        Assert.Equal("Earlier: asked about VPN.", next.Summary);
        Assert.Equal(["two", "three"], next.Turns.Select(t => t.Question));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Id.Id == 1701 && e.Message.Contains("compaction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenTheLlmIsTooSlowTheOldestTurnIsDropped()
    {
        var compactor = TestEngine.Compactor(Options, TestLlm.Calls(ScriptedChatClient.Hanging()));

        var next = await compactor.AppendAsync(new ConversationHistory(null, [Turn("one"), Turn("two")]), Turn("three"));

        Assert.Null(next.Summary);
        Assert.Equal(["two", "three"], next.Turns.Select(t => t.Question));
    }

    private static ConversationTurn Turn(string question) => new(question, question, "An answer.", [], DateTimeOffset.UnixEpoch);
}
