using Assistant.Rag;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Assistant.Bot.Hosting;

/// <summary>Readiness proper: questions can be answered once the index is open (and, on a first start, seeded).</summary>
internal sealed class IndexHealthCheck(IAssistant assistant) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(assistant.IsReady
            ? HealthCheckResult.Healthy("loaded")
            : new HealthCheckResult(context.Registration.FailureStatus, "loading (or it failed to open: see the log)"));
}
