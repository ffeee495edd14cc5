using Microsoft.AspNetCore.Http.HttpResults;

using Assistant.Rag;

namespace Assistant.Bot.Hosting;

/// <summary>Liveness and readiness probes for load balancers and orchestrators.</summary>
internal static class HealthEndpoints
{
    /// <summary>GET /healthz: the process is alive. GET /readyz: 200 once the index is loaded and questions can be answered, else 503.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" }));
        app.MapGet("/readyz", Results<Ok<ReadyStatus>, JsonHttpResult<ReadyStatus>> (IAssistant assistant) =>
            assistant.IsReady
                ? TypedResults.Ok(new ReadyStatus("ready"))
                : TypedResults.Json(new ReadyStatus("starting"), statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    internal sealed record ReadyStatus(string Status);
}
