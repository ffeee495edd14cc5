using Assistant.Rag.Memory;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Assistant.Rag.Tests.Memory;

/// <summary>The contract for the Redis de-duplicator, against the real redis-server of ASSISTANT_TEST_REDIS.</summary>
public sealed class RedisDeduplicatorTests : DeduplicatorContractTests
{
    private readonly MemoryOptions _options = new() { KeyPrefix = TestRedis.NewPrefix() };

    protected override IDeduplicator Create() => new RedisDeduplicator(TestRedis.Connection, new FixedOptions<MemoryOptions>(_options), NullLogger<RedisDeduplicator>.Instance);

    protected override Task ElapseAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task AClaimIsOneNamespacedKeyWithItsTtl()
    {
        var deduplicator = Create();

        await deduplicator.TryClaimAsync("teams:activity:1", TimeSpan.FromMinutes(10));

        var server = TestRedis.Connection.GetServer(TestRedis.Connection.GetEndPoints()[0]);
        var key = Assert.Single(server.Keys(pattern: $"{_options.KeyPrefix}:*"));
        Assert.StartsWith($"{_options.KeyPrefix}:dedup:", key.ToString(), StringComparison.Ordinal);
        Assert.InRange((await TestRedis.Connection.GetDatabase().KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task WhenRedisIsUnreachableTheDeliveryIsHandledRatherThanDropped()
    {
        using var nowhere = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configure(new RedisOptions { Configuration = "127.0.0.1:1", ConnectTimeoutMs = 200, OperationTimeoutMs = 200 }));
        var logger = new RecordingLogger<RedisDeduplicator>();
        var deduplicator = new RedisDeduplicator(nowhere, new FixedOptions<MemoryOptions>(_options), logger);

        Assert.True(await deduplicator.TryClaimAsync("slack:event:down", TimeSpan.FromMinutes(5)));
        Assert.Contains(logger.Entries, e => e.EventId.Id == 1505);
    }
}
