using Assistant.Rag.Generation;
using Assistant.Rag.Memory;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Assistant.Bot.Hosting;

/// <summary>
/// Liveness and readiness probes for load balancers and orchestrators, on ASP.NET Core health checks.
/// <c>GET /healthz</c>: 200 while the process runs (no check runs). <c>GET /readyz</c>: 200 once the index is loaded,
/// else 503; its JSON body reports every dependency (index; Redis, the feedback store and the LLM when configured) as
/// healthy, degraded or unhealthy with a short description and no secrets. An optional dependency that is down makes the
/// overall status "degraded" and keeps the 200: the assistant still answers without it.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>Longest a single check may take, so a dependency that hangs cannot make a probe hang.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    private const string ReadyTag = "ready";

    /// <summary>The checks behind /readyz; Redis and the LLM only when they are configured.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<IndexHealthCheck>("index", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<FeedbackStoreHealthCheck>("feedback", HealthStatus.Degraded, [ReadyTag], CheckTimeout);
        if (configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() is { IsConfigured: true })
        {
            checks.AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [ReadyTag], CheckTimeout);
        }

        if (configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() is { IsConfigured: true })
        {
            services.AddHttpClient(LlmHealthCheck.HttpClientName, http => http.Timeout = CheckTimeout);
            checks.AddCheck<LlmHealthCheck>("llm", HealthStatus.Degraded, [ReadyTag], CheckTimeout);
        }

        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return app;
    }
}
