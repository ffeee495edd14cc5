using System.Net;
using System.Net.Http.Json;
using Assistant.Bot.Channels;
using Assistant.Bot.Tests.Playground;
using Assistant.Bot.Tests.Teams;

namespace Assistant.Bot.Tests.Channels;

/// <summary>Fair use on the channels: beyond a person's allowance the bot asks them to slow down instead of answering.</summary>
public sealed class FairUseEndpointTests
{
    [Fact]
    public async Task ATeamsUserBeyondTheirAllowanceIsAskedToSlowDownAndNotAnswered()
    {
        await using var host = await TeamsTestHost.StartAsync(_ => new Dictionary<string, string?> { ["FairUse:PerUserPerMinute"] = "2" });
        await host.AskAsync("How do I book a flight?");
        await host.AskAsync("How do I book a hotel?");
        var before = host.Fake.ConnectorRequests.Count;

        var activity = TeamsActivities.Message(host.Fake.ServiceUrl, "And a train?", id: "1700000009999");
        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var note = (await host.Fake.WaitForConnectorRequestsAsync(before + 1)).Skip(before).Single();
        Assert.Equal(ChannelTexts.SlowDown, note.Body["text"]!.GetValue<string>());
        Assert.Equal(2, host.App.Assistant.Turns.Count);
    }

    [Fact]
    public async Task APlaygroundSessionBeyondItsAllowanceGets429WithRetryAfter()
    {
        using var app = PlaygroundAppFactory.With(new Dictionary<string, string?> { ["FairUse:PerUserPerMinute"] = "2" });
        using var client = app.CreateClient();
        using var stranger = app.CreateClient();
        await client.GetAsync(new Uri("/", UriKind.Relative)); // the page issues the session, as a browser gets it
        await stranger.GetAsync(new Uri("/", UriKind.Relative));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { conversationId = "c", text = "How do I book a flight?" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var other = await stranger.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { conversationId = "c", text = "How do I book a flight?" });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
