namespace Assistant.Bot.Tests.Slack;

/// <summary>An app of its own: the bot's id must not have been learnt from an earlier event.</summary>
public sealed class SlackBotIdentityTests(SlackAppFixture fixture) : IClassFixture<SlackAppFixture>
{
    [Fact]
    public async Task WithoutAuthorizationsTheBotLearnsItsIdFromAuthTestOnceAndStillStripsTheMention()
    {
        const string channel = "C6AUTHTEST";
        var slack = fixture.Slack;
        foreach (var (eventId, ts) in new[] { ("Ev6AUTH", "1764400600.000600"), ("Ev6AUTH2", "1764400601.000600") })
        {
            var body = SlackRequests.EventCallback(eventId, SlackRequests.AppMention(channel, "U6ASKER", $"<@{FakeSlackApi.BotUserId}> where is the bike room?", ts), withAuthorizations: false);
            await fixture.Client.SendAsync(SlackRequests.Signed("/slack/events", body));
        }

        await slack.WaitForAsync(_ => slack.CallsTo("chat.update", channel).Count == 2, "two answers");

        Assert.Single(slack.Calls, c => c.Method == "auth.test");
        Assert.All(fixture.App.Assistant.Inner.Turns.Where(t => t.ConversationId == channel), t => Assert.Equal("where is the bike room?", t.Text));
    }

    [Fact]
    public async Task WithoutAuthorizationsTheBotsOwnMessageIsStillIgnoredOnceItsIdIsKnown()
    {
        const string channel = "D6OWN";
        var slack = fixture.Slack;
        var own = SlackRequests.DirectMessage(channel, FakeSlackApi.BotUserId, "I am the bot", "1764400650.000600");
        var real = SlackRequests.DirectMessage(channel, "U6ASKER", "a question", "1764400651.000600");

        await fixture.Client.SendAsync(SlackRequests.Signed("/slack/events", SlackRequests.EventCallback("Ev6OWN", own, withAuthorizations: false)));
        await fixture.Client.SendAsync(SlackRequests.Signed("/slack/events", SlackRequests.EventCallback("Ev6REAL", real, withAuthorizations: false)));
        await slack.WaitForAsync(_ => slack.CallsTo("chat.update", channel).Count == 1, "the answer");

        Assert.Single(slack.CallsTo("chat.postMessage", channel));
        Assert.DoesNotContain(fixture.App.Assistant.Inner.Turns, t => t.UserId == FakeSlackApi.BotUserId);
    }
}
