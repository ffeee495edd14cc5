using System.Net;
using System.Text.Json.Nodes;
using Assistant.Rag.Feedback;

namespace Assistant.Bot.Tests.Slack;

/// <summary>POST /slack/interactivity: the 👍/👎 buttons of an answer the bot really posted.</summary>
public sealed class SlackInteractivityEndpointTests(SlackAppFixture fixture) : IClassFixture<SlackAppFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly FakeSlackApi _slack = fixture.Slack;

    [Fact]
    public async Task AThumbsUpInADirectMessageIsStoredAndTheButtonsGiveWayToThanks()
    {
        var (answer, answerId) = await AskAsync("D20VOTE", "Ev20");

        var response = await ClickAsync("U20VOTER", answer, "feedback_up", answerId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = await WaitForUpdateAsync("D20VOTE", 2);
        var vote = Assert.Single(fixture.App.Feedback.Votes, v => v.AnswerId == answerId);
        Assert.Equal(("U20VOTER", "slack", "D20VOTE", VoteValue.Up), (vote.UserId, vote.Channel, vote.ConversationId, vote.Value));
        Assert.Equal(answer.Str("ts"), update.Str("ts"));
        Assert.DoesNotContain(update.Blocks!, b => b!["type"]!.GetValue<string>() == "actions");
        var thanks = update.Blocks!.Single(b => b!["block_id"]?.GetValue<string>() == "feedback_thanks");
        Assert.Equal("👍 Thanks for the feedback!", thanks!["elements"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(answer.Blocks![0]!.ToJsonString(), update.Blocks![0]!.ToJsonString());
        Assert.Equal(answer.Str("text"), update.Str("text"));
        BlockKitLimits.AssertWithin(update.Body!);
    }

    [Fact]
    public async Task InAChannelTheButtonsStayForOthersAndASecondVoteOfTheSameUserReplacesTheFirst()
    {
        var (answer, answerId) = await AskAsync("C21VOTE", "Ev21");

        await ClickAsync("U21A", answer, "feedback_up", answerId);
        await WaitForUpdateAsync("C21VOTE", 2);
        await ClickAsync("U21B", answer, "feedback_down", answerId);
        await WaitForUpdateAsync("C21VOTE", 3);
        await ClickAsync("U21A", answer, "feedback_down", answerId);
        var update = await WaitForUpdateAsync("C21VOTE", 4);

        var votes = fixture.App.Feedback.Votes.Where(v => v.AnswerId == answerId).OrderBy(v => v.UserId, StringComparer.Ordinal).ToList();
        Assert.Equal([("U21A", VoteValue.Down), ("U21B", VoteValue.Down)], votes.Select(v => (v.UserId, v.Value)));
        Assert.Single(update.Blocks!, b => b!["type"]!.GetValue<string>() == "actions");
        var thanks = update.Blocks!.Single(b => b!["block_id"]?.GetValue<string>() == "feedback_thanks");
        Assert.Equal("Thanks for the feedback · 👍 0 · 👎 2", thanks!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AVoteOnAnUnknownAnswerStoresNothingAndTellsOnlyTheVoter()
    {
        var (answer, _) = await AskAsync("C22UNKNOWN", "Ev22");

        var response = await ClickAsync("U22VOTER", answer, "feedback_up", "ans-never-given");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(fixture.App.Feedback.Votes, v => v.AnswerId == "ans-never-given");
        var notice = (await _slack.WaitForAsync(_ => _slack.CallsTo("chat.postEphemeral", "C22UNKNOWN").Count == 1, "an ephemeral notice"))
            .Single(c => c.Method == "chat.postEphemeral" && c.Str("channel") == "C22UNKNOWN");
        Assert.Equal("U22VOTER", notice.Str("user"));
        Assert.Contains("couldn't record your vote", notice.Str("text"), StringComparison.Ordinal);
        Assert.Single(_slack.CallsTo("chat.update", "C22UNKNOWN"));
    }

    [Fact]
    public async Task OneClickCarryingManyActionsIsHandledForItsFirstActionOnly()
    {
        var (answer, answerId) = await AskAsync("C25MANY", "Ev25");
        var form = SlackRequests.BlockActions("U25", "C25MANY", answer.Str("ts")!, answer.Blocks!, answer.Str("text")!, "feedback_up", answerId);
        var payload = JsonNode.Parse(Uri.UnescapeDataString(form["payload=".Length..].Replace('+', ' ')))!;
        var actions = payload["actions"]!.AsArray();
        for (var i = 0; i < 199; i++)
        {
            actions.Add(actions[0]!.DeepClone());
        }

        var response = await _client.SendAsync(SlackRequests.Signed("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForUpdateAsync("C25MANY", 2);
        await Task.Delay(500);
        Assert.Single(fixture.App.Feedback.Votes, v => v.AnswerId == answerId);
        Assert.Equal(2, _slack.CallsTo("chat.update", "C25MANY").Count);
        Assert.Empty(_slack.CallsTo("chat.postEphemeral", "C25MANY"));
    }

    [Fact]
    public async Task AClickInAnotherConversationThanTheAnswersStoresNothingAndTellsOnlyTheVoter()
    {
        var (answer, answerId) = await AskAsync("C26ASKED", "Ev26");
        var elsewhere = answer with { Body = (JsonObject)answer.Body!.DeepClone() };
        elsewhere.Body!["channel"] = "C26ELSEWHERE";

        var response = await ClickAsync("U26", elsewhere, "feedback_up", answerId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.postEphemeral", "C26ELSEWHERE").Count == 1, "an ephemeral notice");
        Assert.DoesNotContain(fixture.App.Feedback.Votes, v => v.AnswerId == answerId);
    }

    [Fact]
    public async Task AForgedClickIs401AndStoresNoVote()
    {
        var (answer, answerId) = await AskAsync("C23FORGED", "Ev23");
        var form = SlackRequests.BlockActions("U23", "C23FORGED", answer.Str("ts")!, answer.Blocks!, answer.Str("text")!, "feedback_up", answerId);

        var response = await _client.SendAsync(SlackRequests.Signed("/slack/interactivity", form, "application/x-www-form-urlencoded", secret: "forged"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(fixture.App.Feedback.Votes, v => v.AnswerId == answerId);
    }

    [Theory]
    [InlineData("token=x", HttpStatusCode.BadRequest)]
    [InlineData("payload=%7Bnot%20json", HttpStatusCode.BadRequest)]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D", HttpStatusCode.BadRequest)]
    [InlineData("payload=%7B%22type%22%3A%22view_submission%22%7D", HttpStatusCode.OK)]
    public async Task MalformedOrForeignPayloadsGetAClearStatus(string form, HttpStatusCode expected)
    {
        var before = fixture.App.Feedback.Votes.Count;

        var response = await _client.SendAsync(SlackRequests.Signed("/slack/interactivity", form, "application/x-www-form-urlencoded"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(before, fixture.App.Feedback.Votes.Count);
    }

    [Fact]
    public async Task AClickOnSomeOtherButtonIsIgnored()
    {
        var (answer, answerId) = await AskAsync("C24OTHER", "Ev24");

        var response = await ClickAsync("U24", answer, "open_settings", answerId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(fixture.App.Feedback.Votes, v => v.AnswerId == answerId);
    }

    [Fact]
    public async Task AClickedSuggestionIsAskedInTheMessagesThreadAsTheClickersQuestion()
    {
        var (answer, _) = await AskAsync("C40ASK", "Ev40");

        var response = await ClickAsync("U26CLICK", answer, "ask_suggestion_1", "How many laptops are older than 4 years?");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForUpdateAsync("C40ASK", 2);
        var turn = fixture.App.Assistant.Inner.Turns.Single(t => t.Text == "How many laptops are older than 4 years?");
        Assert.Equal(("slack", "C40ASK", "U26CLICK"), (turn.Channel, turn.ConversationId, turn.UserId));
        Assert.Equal(answer.Str("ts"), turn.ThreadId);
        var searching = _slack.CallsTo("chat.postMessage", "C40ASK");
        Assert.Equal(2, searching.Count);
        Assert.Equal(answer.Str("ts"), searching[1].Str("thread_ts"));
    }

    [Fact]
    public async Task ASuggestionClickWithoutItsQuestionAsksNothing()
    {
        var (answer, _) = await AskAsync("C41ASK", "Ev41");
        var asked = fixture.App.Assistant.Inner.Turns.Count;

        var response = await ClickAsync("U27CLICK", answer, "ask_suggestion_0", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(asked, fixture.App.Assistant.Inner.Turns.Count);
        Assert.Single(_slack.CallsTo("chat.postMessage", "C41ASK"));
    }

    private async Task<(SlackCall Answer, string AnswerId)> AskAsync(string channel, string eventId)
    {
        var ev = channel.StartsWith('D')
            ? SlackRequests.DirectMessage(channel, "U0ASKER", "How do I book a flight?", "1764402000.000100")
            : SlackRequests.AppMention(channel, "U0ASKER", $"<@{FakeSlackApi.BotUserId}> How do I book a flight?", "1764402000.000100");
        await _client.SendAsync(SlackRequests.Signed("/slack/events", SlackRequests.EventCallback(eventId, ev)));
        var answer = await WaitForUpdateAsync(channel, 1);
        var answerId = answer.Blocks!.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["value"]!.GetValue<string>();
        return (answer, answerId);
    }

    private Task<HttpResponseMessage> ClickAsync(string user, SlackCall answer, string actionId, string value)
    {
        var form = SlackRequests.BlockActions(user, answer.Str("channel")!, answer.Str("ts")!, answer.Blocks!, answer.Str("text")!, actionId, value);
        return _client.SendAsync(SlackRequests.Signed("/slack/interactivity", form, "application/x-www-form-urlencoded"));
    }

    private async Task<SlackCall> WaitForUpdateAsync(string channel, int count)
    {
        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", channel).Count >= count, $"update {count} in {channel}");
        return _slack.CallsTo("chat.update", channel)[count - 1];
    }
}
