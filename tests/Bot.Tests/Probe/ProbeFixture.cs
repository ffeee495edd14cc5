using System.Net;
using Assistant.Bot.Tests.Slack;
using Assistant.Bot.Tests.Teams;

namespace Assistant.Bot.Tests.Probe;

/// <summary>One host with every front end, the fakes it talks to, and a client that tallies what it sends.</summary>
public sealed class ProbeFixture : IAsyncLifetime
{
    internal FakeBotFramework Teams { get; private set; } = null!;

    internal FakeSlackApi Slack { get; private set; } = null!;

    internal ProbeAppFactory App { get; private set; } = null!;

    private HttpClient Client { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Teams = await FakeBotFramework.StartAsync();
        Slack = await FakeSlackApi.StartAsync();
        App = new ProbeAppFactory(Teams, Slack);
        Client = App.CreateClient();
    }

    /// <summary>Sends the request, counts its status under <paramref name="probeClass"/>, and returns the status and body.</summary>
    internal async Task<(HttpStatusCode Status, string Body)> SendAsync(string probeClass, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Client.SendAsync(request);
            ProbeTally.Record(probeClass, response.StatusCode);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Slack.DisposeAsync();
        await Teams.DisposeAsync();
    }
}
