using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Assistant.Bot.Hosting;

/// <summary>
/// Conversation memory and de-duplication in Redis: one PING over the process's shared connection. Optional: without
/// Redis, turns are answered without history, so a failure reports the registration's failure status (degraded).
/// </summary>
/// <remarks>Never names the server: the configuration string may hold a password.</remarks>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            // The multiplexer reconnects in the background; a PING now would only wait for its timeout.
            return new HealthCheckResult(context.Registration.FailureStatus, "not connected; reconnecting in the background");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(HealthEndpoints.CheckTimeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F0} ms");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"ping failed ({exception.GetType().Name})");
        }
    }
}
