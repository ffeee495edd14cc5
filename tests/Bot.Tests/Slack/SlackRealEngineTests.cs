using System.Net;
using Assistant.Bot.Tests.EndToEnd;
using Assistant.Rag.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Slack;

/// <summary>
/// Slack over the real engine (MiniLM, Lucene, SQLite feedback) and the fixture knowledge base: the same question
/// the playground's end-to-end test asks, answered in a Slack thread, and a vote landing in the real store.
/// </summary>
public sealed class SlackRealEngineTests : IAsyncLifetime
{
    private readonly TempFolder _index = new();
    private FakeSlackApi _slack = null!;
    private RealEngineApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _app = new RealEngineApp(_index.Path, new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = SlackAppFactory.BotToken,
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
        });
        _client = await _app.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
        _index.Dispose();
    }

    [Fact]
    public async Task ADirectMessageGetsTheRealCitedAnswerInBlockKitAndItsVoteLandsInTheFeedbackStore()
    {
        const string channel = "D40REAL";
        var ev = SlackRequests.DirectMessage(channel, "U40ASKER", "Who can take a sabbatical?", "1764404000.000100");

        var response = await _client.SendAsync(SlackRequests.Signed("/slack/events", SlackRequests.EventCallback("Ev40REAL", ev)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", channel).Count == 1, "the answer");
        var answer = _slack.CallsTo("chat.update", channel)[0];
        BlockKitLimits.AssertWithin(answer.Body!);
        Assert.Contains("five years of continuous service", answer.Str("text"), StringComparison.Ordinal);
        var blocks = answer.Blocks!;
        Assert.Contains("[1]", blocks[0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(blocks, b => b!["type"]!.GetValue<string>() == "context"
            && b["elements"]![0]!["text"]!.GetValue<string>() == "*[1]* *Sabbatical leave* · people/sabbatical.md");
        var answerId = blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["value"]!.GetValue<string>();

        var form = SlackRequests.BlockActions("U40VOTER", channel, answer.Str("ts")!, blocks, answer.Str("text")!, "feedback_up", answerId);
        var click = await _client.SendAsync(SlackRequests.Signed("/slack/interactivity", form, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", channel).Count == 2, "the thanks");
        var vote = Assert.Single(await _app.Services.GetRequiredService<IFeedbackStore>().GetVotesAsync(answerId));
        Assert.Equal(("U40VOTER", "slack", channel, VoteValue.Up), (vote.UserId, vote.Channel, vote.ConversationId, vote.Value));
    }
}
