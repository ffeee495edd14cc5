using Assistant.Rag;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Assistant.Bot.Hosting;

/// <summary>
/// OpenTelemetry for the web host, wired once: traces from the engine and host sources ("Assistant.Rag",
/// "Assistant.Bot") and from ASP.NET Core and HttpClient, metrics from both meters and the same two frameworks, logs.
/// Exported over OTLP only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (environment or configuration;
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_SERVICE_NAME</c> and
/// <c>OTEL_RESOURCE_ATTRIBUTES</c> are honoured as the SDK defines them). Without it nothing of OpenTelemetry is
/// registered, so no span is even created: the sources have no listener and cost a null check.
/// </summary>
/// <remarks>
/// Either way, console log lines carry the current TraceId and SpanId in their scope, so a log line can be found from a
/// trace and the other way round.
/// </remarks>
internal static class TelemetryExtensions
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> is not set.</summary>
    public const string DefaultServiceName = "assistant-bot";

    /// <summary>The setting that switches export on.</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceNameSetting = "OTEL_SERVICE_NAME";
    private const string SdkDisabledSetting = "OTEL_SDK_DISABLED";

    // Probes are polled every few seconds by orchestrators: tracing them would drown the turns.
    private static readonly PathString[] Probes = [HealthEndpoints.LivenessPath, HealthEndpoints.ReadinessPath];

    public static IHostApplicationBuilder AddAssistantTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // Scopes are where TraceId and SpanId are written; an explicit Logging:Console:FormatterOptions:IncludeScopes still wins.
        var includeScopes = builder.Configuration.GetValue<bool?>("Logging:Console:FormatterOptions:IncludeScopes") ?? true;
        builder.Services.Configure<SimpleConsoleFormatterOptions>(ConsoleFormatterNames.Simple, options => options.IncludeScopes = includeScopes);

        if (!IsExportConfigured(builder.Configuration))
        {
            return builder;
        }

        var serviceName = builder.Configuration[ServiceNameSetting] is { Length: > 0 } configured ? configured : DefaultServiceName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(RagTelemetry.Name, BotTelemetry.Name)
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !Probes.Contains(context.Request.Path);
                    // Query values are redacted by the instrumentation already; no endpoint needs the query to be read from a
                    // trace, and leaving it out keeps user text away even if redaction is switched off by OTEL_* settings.
                    options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                    options.RecordException = false;
                })
                .AddHttpClientInstrumentation(options =>
                {
                    options.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is { IsAbsoluteUri: true } uri)
                        {
                            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
                        }
                    };
                    options.RecordException = false;
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(RagTelemetry.Name, BotTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging()
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>True when OTLP export is asked for: an endpoint is set and the SDK is not switched off.</summary>
    public static bool IsExportConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[EndpointSetting])
            && !string.Equals(configuration[SdkDisabledSetting], "true", StringComparison.OrdinalIgnoreCase);
    }
}
