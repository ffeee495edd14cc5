using Assistant.Bot.Cards.BlockKit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Slack;

/// <summary>Registers the Slack front end.</summary>
internal static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Slack front end: options from the "Slack" section (validated at start), the signature check, the
    /// Web API client, the answerer and the vote responder that the channel queue runs. With the section empty the front end stays off and
    /// <see cref="SlackEndpoints.MapSlack"/> maps nothing.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection(SlackOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SlackApiClient.HttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            http.BaseAddress = options.ApiBaseAddress;
            http.Timeout = TimeSpan.FromSeconds(30);
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.BotToken);
        });

        services.AddSingleton<BlockKitRenderer>();
        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<SlackBotIdentity>();
        services.AddSingleton<SlackAnswerer>();
        services.AddSingleton<SlackFeedbackResponder>();
        return services;
    }
}
