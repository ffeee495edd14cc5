using Assistant.Bot.Hosting;
using Assistant.Rag.Ingestion;

namespace Assistant.Bot.Cli;

/// <summary>The engine without a web server, for the command line; logs go to standard error so standard output stays clean.</summary>
internal static class CliHost
{
    public static async Task<IHost> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        AssistantHostBuilder.AddDefaults(builder.Configuration);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.Services.AddAssistant(builder.Configuration, builder.Environment.ContentRootPath);
        var host = builder.Build();

        // Settings are checked before the host starts, so a bad one is reported in one line (Program) and not logged with a stack trace.
        StartupFailure.ValidateSettings(host.Services);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>The configuration the command line runs with, without starting anything.</summary>
    public static IConfiguration LoadConfiguration()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        AssistantHostBuilder.AddDefaults(builder.Configuration);
        return builder.Configuration;
    }

    /// <summary>Opens the index (seeding it with the samples when empty, as the server does), with a progress bar.</summary>
    public static Task OpenIndexAsync(IHost host, CancellationToken cancellationToken)
    {
        var bootstrapper = host.Services.GetRequiredService<IndexBootstrapper>();
        return ConsoleProgress.RunAsync<int>("Opening the index", async progress =>
        {
            await bootstrapper.StartAsync(progress, cancellationToken).ConfigureAwait(false);
            return 0;
        });
    }
}
