using Assistant.Rag.Generation;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hosting;

/// <summary>
/// The LLM endpoint: one unauthenticated GET of its base URL. Any HTTP answer below 500 means the server is there (no key
/// is sent and no tokens are spent, so 401 or 404 is expected); a 5xx, a refused connection or a timeout reports the
/// registration's failure status (degraded: every LLM step falls back to its embedded form).
/// </summary>
/// <remarks>Never names the endpoint or the key.</remarks>
internal sealed class LlmHealthCheck(IHttpClientFactory clients, IOptions<LlmOptions> options) : IHealthCheck
{
    /// <summary>The named HttpClient (time-limited, no retries).</summary>
    public const string HttpClientName = "health-llm";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var http = clients.CreateClient(HttpClientName);
        try
        {
            using var response = await http.GetAsync(new Uri(options.Value.Endpoint), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status < 500
                ? HealthCheckResult.Healthy($"reachable (HTTP {status} without a key)")
                : new HealthCheckResult(context.Registration.FailureStatus, $"answers HTTP {status}; answers fall back to extractive");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"unreachable ({exception.GetType().Name}); answers fall back to extractive");
        }
    }
}
