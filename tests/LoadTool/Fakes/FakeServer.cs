using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Assistant.LoadTool.Fakes;

/// <summary>
/// One Kestrel server on a free loopback port hosting the services the bot calls out to: the Slack Web API fake
/// (<c>/slack/api/{method}</c>), the Bot Framework stand-ins (<c>/teams/…</c>) and the LLM stand-in (<c>/v1/…</c>).
/// </summary>
internal sealed class FakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeServer(WebApplication app, SlackFake slack, TeamsFake teams, LlmStandIn llm)
    {
        _app = app;
        Slack = slack;
        Teams = teams;
        Llm = llm;
    }

    public SlackFake Slack { get; }

    public TeamsFake Teams { get; }

    public LlmStandIn Llm { get; }

    public static async Task<FakeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var slack = new SlackFake();
        var teams = new TeamsFake();
        var llm = new LlmStandIn();
        slack.Map(app);
        teams.Map(app);
        llm.Map(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        slack.BaseUrl = address;
        teams.BaseUrl = address;
        llm.BaseUrl = address;
        return new FakeServer(app, slack, teams, llm);
    }

    /// <summary>The bot's settings that point Slack, Teams and (when <paramref name="withLlm"/>) the LLM at these fakes.</summary>
    public Dictionary<string, string> BotSettings(bool withLlm)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Slack.BotSettings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in Teams.BotSettings())
        {
            settings[key] = value;
        }

        if (withLlm)
        {
            foreach (var (key, value) in Llm.BotSettings())
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        Llm.Release();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Teams.Dispose();
    }
}
