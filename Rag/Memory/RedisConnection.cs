using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Assistant.Rag.Memory;

/// <summary>
/// Opens the one <see cref="IConnectionMultiplexer"/> the process shares. It never fails the start when the server is
/// down (AbortOnConnectFail off) and reconnects in the background; commands fail fast while it is disconnected, with
/// short timeouts, so a turn without Redis costs about one timeout at most.
/// </summary>
internal static partial class RedisConnection
{
    public static IConnectionMultiplexer Connect(RedisOptions options, ILogger logger)
    {
        var configuration = Configure(options);
        var connection = ConnectionMultiplexer.Connect(configuration);
        connection.ConnectionFailed += (_, e) => Log.ConnectionFailed(logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        connection.ConnectionRestored += (_, e) => Log.ConnectionRestored(logger, e.EndPoint?.ToString() ?? "?");
        if (!connection.IsConnected)
        {
            Log.NotConnectedAtStart(logger);
        }

        return connection;
    }

    /// <summary>The client settings: <see cref="RedisOptions.Configuration"/> with the timeouts and reconnect policy applied.</summary>
    public static ConfigurationOptions Configure(RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = options.ConnectTimeoutMs;
        configuration.SyncTimeout = options.OperationTimeoutMs;
        configuration.AsyncTimeout = options.OperationTimeoutMs;
        configuration.ConnectRetry = 1;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 5000);
        return configuration;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "Redis is not reachable at start; memory works without history until it is")]
        public static partial void NotConnectedAtStart(ILogger logger);

        [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "Lost the Redis connection to {EndPoint} ({FailureType}); reconnecting in the background")]
        public static partial void ConnectionFailed(ILogger logger, string endPoint, string failureType);

        [LoggerMessage(EventId = 1512, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
        public static partial void ConnectionRestored(ILogger logger, string endPoint);
    }
}
