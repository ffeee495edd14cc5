using System.Diagnostics;
using Assistant.Rag.Memory;
using Assistant.Rag.Query;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Memory;

/// <summary>
/// A Redis outage in the middle of a conversation, with a redis-server of the test's own that it stops and starts
/// again: turns are answered without history (and a warning is logged) while it is down, and history works again
/// once the client has reconnected by itself.
/// </summary>
public sealed class RedisOutageTests : IClassFixture<IndexedKnowledgeBase>
{
    private static readonly TimeSpan ReconnectTimeout = TimeSpan.FromSeconds(60);
    private readonly IndexedKnowledgeBase _kb;

    public RedisOutageTests(IndexedKnowledgeBase kb) => _kb = kb;

    [Fact]
    public async Task WhileRedisIsDownTurnsAreAnsweredWithoutHistoryAndAfterItReturnsHistoryWorksAgain()
    {
        using var server = new RedisServerProcess();
        await server.StartAsync();
        var options = new MemoryOptions { KeyPrefix = TestRedis.NewPrefix() };
        using var connection = RedisConnection.Connect(new RedisOptions { Configuration = server.Address, ConnectTimeoutMs = 1000, OperationTimeoutMs = 3000 }, NullLogger.Instance);
        var fixedOptions = new FixedOptions<MemoryOptions>(options);
        var memory = new RedisConversationMemory(connection, TestEngine.Compactor(options), fixedOptions, NullLogger<RedisConversationMemory>.Instance);
        var logger = new RecordingLogger<QuestionContextualizer>();
        var engine = _kb.Engine.Conversational(memory, logger: logger);

        // Up: the follow-up is understood.
        await engine.AnswerAsync(Ask("before", "How do I connect to the VPN?"));
        var before = await engine.AnswerAsync(Ask("before", "What if it drops every few minutes?"));
        Assert.Equal("What if VPN drops every few minutes?", before.StandaloneQuestion);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);

        // Down: still answered, without history, with a warning.
        await server.StopAsync();
        var first = await engine.AnswerAsync(Ask("during", "How do I connect to the VPN?"));
        var followUp = await engine.AnswerAsync(Ask("during", "What if it drops every few minutes?"));
        Assert.Equal(KnowledgeBase.Vpn.Id, first.Citations[0].DocumentId);
        Assert.Equal("What if it drops every few minutes?", followUp.StandaloneQuestion);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 1552);

        // Back: the client reconnects on its own, and a new conversation has history again.
        await server.StartAsync();
        var waited = Stopwatch.StartNew();
        while (!connection.IsConnected)
        {
            Assert.True(waited.Elapsed < ReconnectTimeout, $"The Redis client did not reconnect within {ReconnectTimeout}.");
            await Task.Delay(100);
        }

        await engine.AnswerAsync(Ask("after", "How do I connect to the VPN?"));
        var after = await engine.AnswerAsync(Ask("after", "What if it drops every few minutes?"));
        Assert.Equal("What if VPN drops every few minutes?", after.StandaloneQuestion);
        Assert.Equal(KnowledgeBase.Vpn.Id, after.Citations[0].DocumentId);
    }

    private static Turn Ask(string conversation, string text) => new("test", conversation, "user", text);
}
