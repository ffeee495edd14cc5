using Assistant.Bot.Channels;
using Assistant.Connectors;
using Assistant.Rag;
using Microsoft.Extensions.Configuration.Json;

namespace Assistant.Bot.Hosting;

/// <summary>
/// Configuration and services shared by the server and the command line, so <c>ask</c> answers exactly as the
/// server does.
/// </summary>
internal static class AssistantHostBuilder
{
    /// <summary>
    /// Adds the repository-root appsettings.json (copied next to the binaries) beneath the content root's own
    /// configuration, so the defaults apply wherever the process starts; environment variables still win.
    /// </summary>
    public static void AddDefaults(IConfigurationManager configuration)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(shipped))
        {
            return;
        }

        var source = new JsonConfigurationSource { Path = shipped, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        ((IList<IConfigurationSource>)configuration.Sources).Insert(0, source);
    }

    /// <summary>The engine, connectors and the channel pipeline, with options validated at start.</summary>
    public static IServiceCollection AddAssistant(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddRag(configuration, contentRoot);
        services.AddConnectors();
        services.AddChannels(configuration);
        services.AddSingleton<IndexBootstrapper>();
        return services;
    }
}
