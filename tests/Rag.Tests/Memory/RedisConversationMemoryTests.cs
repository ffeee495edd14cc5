using Assistant.Rag.Memory;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Assistant.Rag.Tests.Memory;

/// <summary>The contract for the Redis store, against the real redis-server of ASSISTANT_TEST_REDIS.</summary>
public sealed class RedisConversationMemoryTests : ConversationMemoryContractTests
{
    // Real seconds: Redis expires keys on its own clock.
    protected override TimeSpan Ttl => TimeSpan.FromSeconds(3);

    protected override IConversationMemory Create(MemoryOptions options, HistoryCompactor compactor) =>
        new RedisConversationMemory(TestRedis.Connection, compactor, new FixedOptions<MemoryOptions>(options), NullLogger<RedisConversationMemory>.Instance);

    protected override Task ElapseAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task TheStoredKeyIsNamespacedAndHashedAndCarriesTheDefaultDayLongTtl()
    {
        var prefix = TestRedis.NewPrefix();
        var options = new MemoryOptions { KeyPrefix = prefix };
        var memory = Create(options, TestEngine.Compactor(options));
        var key = ConversationKey.For(new Turn("playground", "conversation *:with:colons", "user", "text"), prefix);

        await memory.AppendAsync(key, new ConversationTurn("q", "q", "a", [], DateTimeOffset.UnixEpoch));

        var server = TestRedis.Connection.GetServer(TestRedis.Connection.GetEndPoints()[0]);
        var stored = Assert.Single(server.Keys(pattern: $"{prefix}:*"));
        Assert.Matches($"^{prefix}:conv:playground:[0-9a-f]{{16}}:[0-9a-f]{{64}}$", stored.ToString());
        var ttl = await TestRedis.Connection.GetDatabase().KeyTimeToLiveAsync(stored);
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task AHistoryThatIsNotOursStartsTheConversationAfresh()
    {
        var prefix = TestRedis.NewPrefix();
        var options = new MemoryOptions { KeyPrefix = prefix };
        var memory = Create(options, TestEngine.Compactor(options));
        var key = ConversationKey.For(new Turn("playground", "c", "user", "text"), prefix);
        await TestRedis.Connection.GetDatabase().StringSetAsync(key.Value, "{not json");

        Assert.Empty((await memory.LoadAsync(key)).Turns);
        await memory.AppendAsync(key, new ConversationTurn("q", "q", "a", [], DateTimeOffset.UnixEpoch));
        Assert.Single((await memory.LoadAsync(key)).Turns);
    }

    [Fact]
    public async Task AnUnreachableServerIsReportedAsAMemoryFailureNotARedisException()
    {
        var options = new MemoryOptions();
        using var nowhere = await ConnectionMultiplexer.ConnectAsync(RedisConnectionOptions("127.0.0.1:1"));
        var memory = new RedisConversationMemory(nowhere, TestEngine.Compactor(options), new FixedOptions<MemoryOptions>(options), NullLogger<RedisConversationMemory>.Instance);

        var error = await Assert.ThrowsAsync<ConversationMemoryException>(() => memory.LoadAsync(new ConversationKey("k")));

        Assert.Contains("load", error.Message, StringComparison.Ordinal);
        Assert.Contains("redis", error.Message, StringComparison.Ordinal);
    }

    private static ConfigurationOptions RedisConnectionOptions(string address) =>
        RedisConnection.Configure(new RedisOptions { Configuration = address, ConnectTimeoutMs = 200, OperationTimeoutMs = 200 });
}
