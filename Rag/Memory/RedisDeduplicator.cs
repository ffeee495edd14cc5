using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Assistant.Rag.Memory;

/// <summary>
/// <see cref="IDeduplicator"/> in Redis, so a retried delivery is handled once across every replica: a claim is
/// SET key NX PX ttl, under "{prefix}:dedup:" and a hash of the key.
/// </summary>
/// <remarks>
/// Thread-safe. When Redis cannot be reached the claim is granted (and a warning logged): handling a retried delivery
/// twice is better than dropping a user's message.
/// </remarks>
public sealed partial class RedisDeduplicator : IDeduplicator
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IOptionsMonitor<MemoryOptions> _options;
    private readonly ILogger _logger;

    public RedisDeduplicator(IConnectionMultiplexer redis, IOptionsMonitor<MemoryOptions> options, ILogger<RedisDeduplicator> logger)
    {
        _redis = redis;
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var redisKey = RedisKey(key);
        try
        {
            return await _redis.GetDatabase().StringSetAsync(redisKey, 1, ttl, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Log.Unavailable(_logger, exception.GetType().Name);
            return true;
        }
    }

    /// <inheritdoc />
    /// <remarks>When Redis cannot be reached the claim simply expires with its time to live (and a warning is logged).</remarks>
    public async Task ReleaseAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            await _redis.GetDatabase().KeyDeleteAsync(RedisKey(key)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Log.ReleaseFailed(_logger, exception.GetType().Name);
        }
    }

    private string RedisKey(string key) => $"{_options.CurrentValue.KeyPrefix}:dedup:{ConversationKey.Hash(key)}";

    private static partial class Log
    {
        [LoggerMessage(EventId = 1506, Level = LogLevel.Warning, Message = "Redis is unavailable for releasing a de-duplication claim ({ErrorType}); it expires with its time to live")]
        public static partial void ReleaseFailed(ILogger logger, string errorType);

        [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Redis is unavailable for de-duplication ({ErrorType}); the delivery is handled without the check")]
        public static partial void Unavailable(ILogger logger, string errorType);
    }
}
