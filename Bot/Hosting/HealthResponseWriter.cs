using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Assistant.Bot.Hosting;

/// <summary>
/// The probes' JSON body: <c>{"status":"degraded","checks":{"index":{"status":"healthy","description":"loaded",
/// "durationMs":0.1},…}}</c>, statuses in lower case. Exceptions are not written: their messages may name hosts.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthBody(
            Name(report.Status),
            report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthEntry(Name(e.Value.Status), e.Value.Description ?? string.Empty, Math.Round(e.Value.Duration.TotalMilliseconds, 1)),
                StringComparer.Ordinal));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJsonContext.Default.HealthBody, context.RequestAborted);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
