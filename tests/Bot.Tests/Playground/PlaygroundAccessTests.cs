using System.Net;
using System.Net.Http.Json;
using Assistant.Bot.Playground;
using Assistant.Bot.Tests.Teams;
using Assistant.Rag.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.Playground;

/// <summary>The playground is for trying the bot: off once Teams or Slack is configured, unless Playground:Enabled says otherwise.</summary>
public sealed class PlaygroundAccessTests
{
    [Fact]
    public async Task WithTeamsConfiguredThePageAndItsApiAreOffAndSaySo()
    {
        await using var host = await TeamsTestHost.StartAsync();

        var page = await host.Client.GetAsync(new Uri("/", UriKind.Relative));
        var chat = await host.Client.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { conversationId = "c", text = "hi" });
        var vote = await host.Client.PostAsJsonAsync(new Uri("/api/feedback", UriKind.Relative), new { answerId = "ans-1", conversationId = "c", vote = "up" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, chat.StatusCode, vote.StatusCode));
        Assert.Contains("Playground:Enabled", await chat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.App.Assistant.Turns);
    }

    [Fact]
    public async Task TurnedOnBesideTeamsItAnswersButItsAnonymousVotesTeachNothing()
    {
        await using var host = await TeamsTestHost.StartAsync(_ => new Dictionary<string, string?> { [$"{PlaygroundOptions.SectionName}:Enabled"] = "true" });

        var chat = await host.Client.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { conversationId = "c", text = "How do I book a flight?" });

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var feedback = host.Factory.Services.GetRequiredService<IOptionsMonitor<FeedbackOptions>>().CurrentValue;
        Assert.Contains("playground", feedback.IgnoredChannels);
    }

    [Fact]
    public async Task WithoutTeamsOrSlackThePlaygroundsVotesTeach()
    {
        using var app = new PlaygroundAppFactory();
        using var client = app.CreateClient();

        var page = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty(app.Services.GetRequiredService<IOptionsMonitor<FeedbackOptions>>().CurrentValue.IgnoredChannels);
    }
}
