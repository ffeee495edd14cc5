using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Assistant.Rag.Memory;

/// <summary>
/// <see cref="IConversationMemory"/> in Redis, shared by every replica: one JSON string per conversation, written with
/// its TTL, read with GETEX so every use starts the TTL again. Appends are optimistic transactions (WATCH-style
/// conditions), so two replicas appending to one conversation at once both land.
/// </summary>
/// <remarks>Thread-safe. Redis errors and timeouts surface as <see cref="ConversationMemoryException"/>.</remarks>
public sealed partial class RedisConversationMemory : IConversationMemory
{
    private const int MaxAttempts = 20;
    private readonly IConnectionMultiplexer _redis;
    private readonly HistoryCompactor _compactor;
    private readonly IOptionsMonitor<MemoryOptions> _options;
    private readonly ILogger _logger;

    public RedisConversationMemory(IConnectionMultiplexer redis, HistoryCompactor compactor, IOptionsMonitor<MemoryOptions> options, ILogger<RedisConversationMemory> logger)
    {
        _redis = redis;
        _compactor = compactor;
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<ConversationHistory> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.Value);
        try
        {
            var raw = await _redis.GetDatabase().StringGetSetExpiryAsync(key.Value, _options.CurrentValue.Ttl).WaitAsync(cancellationToken).ConfigureAwait(false);
            return Parse(raw);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw ConversationMemoryException.For("load", "redis", exception);
        }
    }

    /// <inheritdoc />
    public async Task AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.Value);
        ArgumentNullException.ThrowIfNull(turn);
        try
        {
            var database = _redis.GetDatabase();
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var raw = await database.StringGetAsync(key.Value).WaitAsync(cancellationToken).ConfigureAwait(false);
                var next = await _compactor.AppendAsync(Parse(raw), turn, cancellationToken).ConfigureAwait(false);
                var transaction = database.CreateTransaction();
                transaction.AddCondition(raw.IsNull ? Condition.KeyNotExists(key.Value) : Condition.StringEqual(key.Value, raw));
                _ = transaction.StringSetAsync(key.Value, JsonSerializer.Serialize(next, MemoryJsonContext.Default.ConversationHistory), _options.CurrentValue.Ttl, When.Always);
                if (await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                // Another append won the race: read it and try again after a short random pause, so racers spread out.
                await Task.Delay(Random.Shared.Next(1, 5 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw ConversationMemoryException.For("append", "redis", exception);
        }

        throw new ConversationMemoryException("Could not append to the conversation history in redis: too many concurrent appends.");
    }

    private ConversationHistory Parse(RedisValue raw)
    {
        if (raw.IsNullOrEmpty)
        {
            return ConversationHistory.Empty;
        }

        try
        {
            return JsonSerializer.Deserialize((string)raw!, MemoryJsonContext.Default.ConversationHistory) ?? ConversationHistory.Empty;
        }
        catch (JsonException)
        {
            // Not ours or from an incompatible version: start the conversation afresh rather than fail every turn of it.
            Log.Unreadable(_logger);
            return ConversationHistory.Empty;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "A stored conversation history could not be read; the conversation starts afresh")]
        public static partial void Unreadable(ILogger logger);
    }
}
