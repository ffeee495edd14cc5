using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Channels;
using Assistant.Bot.Playground;
using Assistant.Bot.Tests.Slack;
using Assistant.Bot.Tests.Teams;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>
/// The feedback store (a real PostgreSQL of the test's own) killed in the middle: a Teams question, a Slack mention and
/// a playground question are still answered by the real engine, a vote during the outage is refused in words the voter
/// sees, and once the server is back votes count again, without restarting the bot.
/// </summary>
public sealed class FeedbackStoreOutageTests(FeedbackStoreOutageTests.Host host) : IClassFixture<FeedbackStoreOutageTests.Host>
{
    [Fact]
    public async Task ATeamsQuestionIsAnsweredWhileTheFeedbackStoreIsDown()
    {
        await host.Postgres.StartAsync();
        try
        {
            var before = await AskTeamsAsync("conv-before", "Who can take a sabbatical?");
            await WaitUntilRecordedAsync(before.AnswerId);

            await host.Postgres.StopAsync();
            var during = await AskTeamsAsync("conv-during", "Who can take a sabbatical?");
            Assert.Contains("five years", during.Text, StringComparison.Ordinal);

            // Action.Execute during the outage: 200 with an error Teams shows.
            var (status, body) = await host.Teams.InvokeAsync(Execute("conv-before", before.AnswerId));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(503, body!["statusCode"]!.GetValue<int>());
            Assert.Equal(ChannelTexts.VoteNotRecorded, body["value"]!["message"]!.GetValue<string>());
        }
        finally
        {
            await host.Postgres.StartAsync();
        }

        var after = await AskTeamsAsync("conv-after", "Who can take a sabbatical?");
        await WaitUntilRecordedAsync(after.AnswerId);
        var (recovered, card) = await host.Teams.InvokeAsync(Execute("conv-after", after.AnswerId));
        Assert.Equal((HttpStatusCode.OK, 200), (recovered, card!["statusCode"]!.GetValue<int>()));
        Assert.Single(await host.Store.GetVotesAsync(after.AnswerId));
    }

    [Fact]
    public async Task ASlackMentionIsAnsweredWhileTheFeedbackStoreIsDown()
    {
        await host.Postgres.StartAsync();
        string answerId;
        try
        {
            await host.Postgres.StopAsync();
            var answer = await MentionAsync("C50DOWN", "Ev50DOWN", "1764405000.000100");
            Assert.Contains("five years", answer.Str("text"), StringComparison.Ordinal);
            answerId = VoteButtonValue(answer.Blocks!);

            // The click during the outage: acknowledged, and the voter alone is told the vote was not recorded.
            var click = await ClickAsync("C50DOWN", answer, answerId);
            Assert.Equal(HttpStatusCode.OK, click);
            await host.Slack.WaitForAsync(_ => host.Slack.CallsTo("chat.postEphemeral", "C50DOWN").Count == 1, "the notice");
            Assert.Equal(ChannelTexts.VoteNotRecorded, host.Slack.CallsTo("chat.postEphemeral", "C50DOWN")[0].Str("text"));
        }
        finally
        {
            await host.Postgres.StartAsync();
        }

        var later = await MentionAsync("C50UP", "Ev50UP", "1764405100.000100");
        var laterId = VoteButtonValue(later.Blocks!);
        await WaitUntilRecordedAsync(laterId);
        Assert.Equal(HttpStatusCode.OK, await ClickAsync("C50UP", later, laterId));
        await host.Slack.WaitForAsync(_ => host.Slack.CallsTo("chat.update", "C50UP").Count == 2, "the thanks");
        Assert.Single(await host.Store.GetVotesAsync(laterId));
    }

    [Fact]
    public async Task APlaygroundQuestionIsAnsweredWhileTheFeedbackStoreIsDownAndItsVoteIsA503()
    {
        using var client = host.App.CreateClient();
        await host.Postgres.StartAsync();
        try
        {
            await host.Postgres.StopAsync();
            var answer = await AskPlaygroundAsync(client);
            Assert.Contains("five years", answer["text"]!.GetValue<string>(), StringComparison.Ordinal);

            using var vote = await client.PostAsJsonAsync("/api/feedback", new { answerId = answer["answerId"]!.GetValue<string>(), conversationId = "p1", vote = "up" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, vote.StatusCode);
            Assert.Contains(ChannelTexts.VoteNotRecorded, await vote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await host.Postgres.StartAsync();
        }

        var after = await AskPlaygroundAsync(client);
        var id = after["answerId"]!.GetValue<string>();
        await WaitUntilRecordedAsync(id);
        using var counted = await client.PostAsJsonAsync("/api/feedback", new { answerId = id, conversationId = "p1", vote = "up" });
        Assert.Equal(HttpStatusCode.NoContent, counted.StatusCode);
    }

    private async Task<(string AnswerId, string Text)> AskTeamsAsync(string conversation, string question)
    {
        var before = host.Teams.Fake.ConnectorRequests.Count;
        var activity = TeamsActivities.Message(host.Teams.Fake.ServiceUrl, question, conversation, id: Guid.NewGuid().ToString("N"));
        using var response = await host.Teams.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = await host.Teams.Fake.WaitForConnectorRequestsAsync(before + 2, TimeSpan.FromMinutes(1));
        var reply = requests.Skip(before).Single(r => r.Type == "message");
        var card = reply.Body["attachments"]![0]!["content"]!.ToJsonString();
        var answerId = JsonNode.Parse(card)!["actions"]![0]!["data"]!["answerId"]!.GetValue<string>();
        await host.Teams.WaitUntilRecordedAsync(conversation, reply.CreatedId!);
        return (answerId, reply.Body["text"]!.GetValue<string>());
    }

    private JsonObject Execute(string conversation, string answerId)
    {
        var invoke = TeamsActivities.ExecuteInvoke(host.Teams.Fake.ServiceUrl, "1700000000001", "feedback", new JsonObject { ["answerId"] = answerId, ["vote"] = "up" });
        invoke["conversation"]!["id"] = conversation;
        return invoke;
    }

    private async Task<SlackCall> MentionAsync(string channel, string eventId, string ts)
    {
        var ev = SlackRequests.AppMention(channel, "U50ASKER", $"<@{FakeSlackApi.BotUserId}> Who can take a sabbatical?", ts);
        using var client = host.App.CreateClient();
        using var response = await client.SendAsync(SlackRequests.Signed("/slack/events", SlackRequests.EventCallback(eventId, ev)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Slack.WaitForAsync(_ => host.Slack.CallsTo("chat.update", channel).Count == 1, "the answer");
        return host.Slack.CallsTo("chat.update", channel)[0];
    }

    private async Task<HttpStatusCode> ClickAsync(string channel, SlackCall answer, string answerId)
    {
        using var client = host.App.CreateClient();
        var form = SlackRequests.BlockActions("U50VOTER", channel, answer.Str("ts")!, answer.Blocks!, answer.Str("text")!, "feedback_up", answerId);
        using var response = await client.SendAsync(SlackRequests.Signed("/slack/interactivity", form, "application/x-www-form-urlencoded"));
        return response.StatusCode;
    }

    private static string VoteButtonValue(JsonArray blocks) =>
        blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["value"]!.GetValue<string>();

    private static async Task<JsonNode> AskPlaygroundAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/chat", new { conversationId = "p1", text = "Who can take a sabbatical?" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    // The answer is recorded beside the reply: a vote sent the instant the reply arrives could come first.
    private async Task WaitUntilRecordedAsync(string answerId)
    {
        var recorder = host.App.Services.GetRequiredService<AnswerRecorder>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await recorder.DrainAsync(timeout.Token);
        Assert.NotNull(answerId);
    }

    /// <summary>One bot with Teams, Slack and the playground on, the real engine over the fixture knowledge base, feedback in the test's own PostgreSQL.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private readonly TempFolder _index = new();

        internal PostgresServerProcess Postgres { get; } = new();

        internal FakeSlackApi Slack { get; private set; } = null!;

        internal TeamsTestHost Teams { get; private set; } = null!;

        internal RealEngineApp App { get; private set; } = null!;

        internal IFeedbackStore Store => App.Services.GetRequiredService<IFeedbackStore>();

        public async Task InitializeAsync()
        {
            await Postgres.StartAsync();
            Slack = await FakeSlackApi.StartAsync();
            var fake = await FakeBotFramework.StartAsync();
            App = new RealEngineApp(_index.Path, new Dictionary<string, string?>
            {
                ["ConnectionStrings:Feedback"] = Postgres.ConnectionString,
                ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
                ["Slack:BotToken"] = SlackAppFactory.BotToken,
                ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl,
                ["Teams:AppId"] = FakeBotFramework.AppId,
                ["Teams:AppPassword"] = "test-secret",
                ["Teams:OpenIdMetadataUrl"] = fake.MetadataUrl,
                ["Teams:TokenEndpoint"] = fake.TokenEndpoint,
                [$"{PlaygroundOptions.SectionName}:Enabled"] = "true",
            });
            (await App.CreateReadyClientAsync()).Dispose();
            Teams = new TeamsTestHost(fake, App);
        }

        public async Task DisposeAsync()
        {
            await Teams.DisposeAsync();
            await Slack.DisposeAsync();
            Postgres.Dispose();
            _index.Dispose();
        }
    }
}
