using System.Net;
using Assistant.Rag.Indexes;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Assistant.Bot.Teams;

/// <summary>Registers the Teams front end.</summary>
internal static class TeamsServiceCollectionExtensions
{
    /// <summary>Retries after the first attempt on 429/412/502/504 and connection failures.</summary>
    public const int MaxRetries = 3;

    /// <summary>
    /// Binds and validates "Teams" at start and adds the token validation, the connector client, the reply store
    /// and the responder that the channel queue runs. Without Teams:AppId nothing of it is used and /api/messages answers 404.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();

        // Registered either way (services are built lazily and the worker idles on an empty queue), because
        // configuration can still change after this call; MapTeams decides on the final settings.
        services.AddHttpClient(SigningKeyCache.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(BotTokenProvider.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .AddResilienceHandler("teams-token", AddRetry);
        services.AddHttpClient(BotConnectorClient.HttpClientName, client => client.Timeout = TimeSpan.FromMinutes(2))
            .AddResilienceHandler("teams-connector", AddRetry);

        services.AddSingleton<TeamsLocalEmulator>();
        services.AddSingleton<SigningKeyCache>();
        services.AddSingleton<BotConnectorTokenValidator>();
        services.AddSingleton<BotTokenProvider>();
        services.AddSingleton<BotConnectorClient>();
        services.AddSingleton<TeamsMessageFactory>();
        services.AddSingleton(sp => new TeamsReplyStore(Path.Combine(sp.GetRequiredService<IndexFolder>().Path, "teams.db")));
        services.AddSingleton<TeamsInvokeHandler>();
        services.AddSingleton<TeamsResponder>();
        return services;
    }

    // Microsoft's guidance for the Bot Connector (protocols.md B8): exponential backoff with jitter on 429, 412,
    // 502 and 504, honouring Retry-After when the service sends one.
    private static void AddRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder) => builder.AddRetry(new HttpRetryStrategyOptions
    {
        MaxRetryAttempts = MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(
            args.Outcome.Exception is HttpRequestException
            || args.Outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
                or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout),
    });
}
