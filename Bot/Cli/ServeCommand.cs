using System.CommandLine;
using Assistant.Bot.Cards;
using Assistant.Bot.FairUse;
using Assistant.Bot.Hosting;
using Assistant.Bot.Playground;
using Assistant.Bot.Slack;
using Assistant.Bot.Teams;

namespace Assistant.Bot.Cli;

/// <summary><c>serve</c>: the web host (playground, API, channel endpoints). Unknown options such as --urls go to ASP.NET Core.</summary>
internal static class ServeCommand
{
    /// <summary>Largest request body accepted anywhere; endpoints set tighter limits of their own.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static Command Create()
    {
        var command = new Command("serve", $"Run the assistant's web server (the default). Host options: {HostArguments.Summary}.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((parse, cancellationToken) => RunAsync([.. parse.UnmatchedTokens], parse.RootCommandResult.Command, cancellationToken));
        return command;
    }

    /// <summary>
    /// Serves with <paramref name="args"/> as the host's arguments; refuses (exit code 2, the commands listed on
    /// standard error, nothing started) a token that is no host option or configuration override, such as a
    /// mistyped command.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Command root, CancellationToken cancellationToken)
    {
        if (HostArguments.Problem(args) is { } unknown)
        {
            var commands = string.Join(", ", root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            await Console.Error.WriteLineAsync(
                $"Unknown command or option '{unknown}'. Commands: {commands} (serve is the default). Host options: {HostArguments.Summary}. See --help.").ConfigureAwait(false);
            return 2;
        }

        var app = Build(args);
        if (StartupFailure.IsOwnProcess)
        {
            StartupFailure.ValidateSettings(app.Services);
        }

        await app.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AssistantHostBuilder.AddDefaults(builder.Configuration);

        // OpenTelemetry (exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set); trace ids in log scopes
        builder.AddAssistantTelemetry();

        // Engine, connectors and the background job that opens (and on first start seeds) the index
        builder.Services.AddAssistant(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddHostedService<IndexBootstrapService>();

        // Health checks behind /healthz and /readyz (index; Redis, feedback store, LLM as degraded when down)
        builder.Services.AddHealth(builder.Configuration);

        // Answer cards
        builder.Services.AddSingleton<AdaptiveCardRenderer>();

        // Slack front end (off unless Slack:SigningSecret and Slack:BotToken are set)
        builder.Services.AddSlack(builder.Configuration);

        // Teams front end (/api/messages); off without Teams:AppId
        builder.Services.AddTeams(builder.Configuration);

        // Playground (on by default only while neither Teams nor Slack is configured)
        builder.Services.AddPlayground(builder.Configuration);

        // Fair use: per-user and per-conversation allowances on every channel, and the playground's rate-limiter policy
        builder.Services.AddFairUse(builder.Configuration);

        // Errors as ProblemDetails, never a stack trace; bodies bounded
        builder.Services.AddProblemDetails();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();

        // Probes
        app.MapHealth();

        // Playground: the local chat page (/) and its JSON API (/api/chat, /api/feedback)
        app.MapPlayground();

        // Slack: /slack/events and /slack/interactivity (404 when Slack is off)
        app.MapSlack();

        // Teams: the Bot Framework messaging endpoint
        app.MapTeams();
        return app;
    }
}
