using StackExchange.Redis;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// The real redis-server the test script starts (ASSISTANT_TEST_REDIS = host:port). Tests fail, never skip, without it.
/// Each test writes under a key prefix of its own, so tests (and other test runs on the same server) never meet.
/// </summary>
internal static class TestRedis
{
    private static readonly Lazy<IConnectionMultiplexer> SharedConnection = new(() => ConnectionMultiplexer.Connect(Address));

    public static string Address =>
        Environment.GetEnvironmentVariable("ASSISTANT_TEST_REDIS") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("ASSISTANT_TEST_REDIS is not set: these tests need a real redis-server. Start one with tests/test-services.sh (`. tests/test-services.sh start`); test.sh does.");

    public static IConnectionMultiplexer Connection => SharedConnection.Value;

    public static string NewPrefix() => "test-" + Guid.NewGuid().ToString("N");
}
