using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Slack;
using Assistant.Bot.Tests.Teams;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Probe;

/// <summary>
/// A black-box probe of every front end through the real host (issue 19): each class of bad input is replayed, every
/// status is tallied per class and printed, and no response may be a 5xx. Each test states the status its class must
/// get. To add a class: a name in <see cref="ProbeClasses"/> and a test that sends through <see cref="SendAllAsync"/>.
/// </summary>
public sealed class ProbeTests(ProbeFixture probe, ITestOutputHelper output) : IClassFixture<ProbeFixture>
{
    private const string Events = "/slack/events";
    private const string Interactivity = "/slack/interactivity";

    [Fact]
    public async Task InvalidUtf8InASignedSlackBodyIsRefusedWith400()
    {
        var ev = SlackRequests.AppMention("C9UTF8", "U9UTF8", "before \u0001 after", "1764409000.000100");
        var eventText = ProbeRequests.WithInvalidUtf8(SlackRequests.EventCallback("Ev9UTF8", ev));
        var envelopeType = ProbeRequests.WithInvalidUtf8("{\"type\":\"\u0001\"}");
        var encodedPayload = Encoding.ASCII.GetBytes("payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22%FF%FE%22%7D%7D");
        var rawPayload = ProbeRequests.WithInvalidUtf8("payload={\"type\":\"\u0001\"}");

        var statuses = await SendAllAsync(ProbeClasses.InvalidUtf8Slack,
            ProbeRequests.SlackSigned(Events, eventText),
            ProbeRequests.SlackSigned(Events, envelopeType),
            ProbeRequests.SlackSigned(Interactivity, encodedPayload, "application/x-www-form-urlencoded"),
            ProbeRequests.SlackSigned(Interactivity, rawPayload, "application/x-www-form-urlencoded"));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
    }

    [Fact]
    public async Task InvalidUtf8InATeamsActivityIsRefusedWith400()
    {
        var activity = TeamsActivities.Message(probe.Teams.ServiceUrl, "before \u0001 after", "a:probe-utf8", id: "1700000090001");
        var token = probe.Teams.CreateToken();

        var statuses = await SendAllAsync(ProbeClasses.InvalidUtf8Teams,
            ProbeRequests.Teams(ProbeRequests.WithInvalidUtf8(activity.ToJsonString()), token),
            ProbeRequests.Teams(ProbeRequests.WithInvalidUtf8("{\"type\":\"\u0001\"}"), token));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.DoesNotContain(probe.App.Assistant.Turns, t => t.ConversationId == "a:probe-utf8");
    }

    [Fact]
    public async Task InvalidUtf8InAPlaygroundBodyIsRefusedWith400()
    {
        var statuses = await SendAllAsync(ProbeClasses.InvalidUtf8Playground,
            ProbeRequests.Raw("/api/chat", ProbeRequests.WithInvalidUtf8("{\"conversationId\":\"probe\",\"userId\":\"probe\",\"text\":\"\u0001\"}")),
            ProbeRequests.Raw("/api/feedback", ProbeRequests.WithInvalidUtf8("{\"answerId\":\"\u0001\",\"userId\":\"probe\",\"vote\":\"up\"}")));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
    }

    [Fact]
    public async Task OversizedBodiesAreRefusedWith413()
    {
        var huge = Encoding.UTF8.GetBytes("{\"text\":\"" + new string('a', 300 * 1024) + "\"}");

        var statuses = await SendAllAsync(ProbeClasses.Oversized,
            ProbeRequests.SlackSigned(Events, huge),
            ProbeRequests.SlackSigned(Interactivity, [.. "payload="u8.ToArray(), .. huge], "application/x-www-form-urlencoded"),
            ProbeRequests.Teams(huge, probe.Teams.CreateToken()),
            ProbeRequests.Raw("/api/chat", huge),
            ProbeRequests.Raw("/api/feedback", huge));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, s));
    }

    [Fact]
    public async Task MalformedJsonIsRefusedWith400()
    {
        var token = probe.Teams.CreateToken();
        var requests = new List<HttpRequestMessage>();
        foreach (var body in new[] { "{", "[]", "\"text\"", "{\"type\":", "nul" })
        {
            requests.Add(ProbeRequests.SlackSigned(Events, body));
            requests.Add(ProbeRequests.SlackSigned(Interactivity, "payload=" + Uri.EscapeDataString(body), "application/x-www-form-urlencoded"));
            requests.Add(ProbeRequests.Teams(Encoding.UTF8.GetBytes(body), token));
            requests.Add(ProbeRequests.Raw("/api/chat", Encoding.UTF8.GetBytes(body)));
            requests.Add(ProbeRequests.Raw("/api/feedback", Encoding.UTF8.GetBytes(body)));
        }

        var statuses = await SendAllAsync(ProbeClasses.MalformedJson, [.. requests]);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
    }

    [Fact]
    public async Task OnlyJsonContentTypesAreAcceptedOnApiMessages()
    {
        var token = probe.Teams.CreateToken();
        var activity = Encoding.UTF8.GetBytes(TeamsActivities.BotAdded(probe.Teams.ServiceUrl).ToJsonString());

        var refused = await SendAllAsync(ProbeClasses.WrongContentType,
            ProbeRequests.Teams(activity, token, "text/plain"),
            ProbeRequests.Teams(activity, token, "application/x-www-form-urlencoded"),
            ProbeRequests.Teams(activity, token, "multipart/form-data; boundary=x"),
            ProbeRequests.Teams(activity, token, contentType: null),
            ProbeRequests.Raw("/api/chat", "{}"u8.ToArray(), "text/plain"));
        var accepted = await SendAllAsync(ProbeClasses.WrongContentType,
            ProbeRequests.Teams(activity, token, "application/json; charset=utf-8"),
            ProbeRequests.Teams(activity, token, "application/vnd.microsoft.activity+json"));

        Assert.All(refused, s => Assert.Equal(HttpStatusCode.UnsupportedMediaType, s));
        Assert.All(accepted, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task ForgedOrAbsentSignaturesAndTokensAreRefusedWith401()
    {
        var body = SlackRequests.EventCallback("Ev9FORGED", SlackRequests.AppMention("C9FORGED", "U9FORGED", "hi", "1764409100.000100"));
        var unsigned = ProbeRequests.Raw(Events, Encoding.UTF8.GetBytes(body));
        var wrongSecret = SlackRequests.Signed(Events, body, secret: "not-the-secret");
        var stale = SlackRequests.Signed(Events, body, at: DateTimeOffset.UtcNow.AddMinutes(-10));
        var tampered = SlackRequests.Signed(Events, body);
        tampered.Content = new StringContent(body.Replace("hi", "ho", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        var clickUnsigned = ProbeRequests.Raw(Interactivity, "payload=%7B%7D"u8.ToArray(), "application/x-www-form-urlencoded");

        var activity = Encoding.UTF8.GetBytes(TeamsActivities.Message(probe.Teams.ServiceUrl, "hi", "a:probe-forged", id: "1700000090002").ToJsonString());
        using var stranger = System.Security.Cryptography.RSA.Create(2048);
        var teams = new[]
        {
            ProbeRequests.Teams(activity, token: null),
            ProbeRequests.Teams(activity, "not-a-jwt"),
            ProbeRequests.Teams(activity, probe.Teams.CreateToken(signWith: stranger)),
            ProbeRequests.Teams(activity, probe.Teams.CreateToken(expires: DateTime.UtcNow.AddHours(-1))),
            ProbeRequests.Teams(activity, probe.Teams.CreateToken(audience: "00000000-0000-0000-0000-000000000000")),
            ProbeRequests.Teams(activity, probe.Teams.CreateToken(issuer: "https://forger.example.com")),
            ProbeRequests.Teams(activity, probe.Teams.CreateToken(serviceUrl: "https://forger.example.com/")),
            ProbeRequests.Teams(activity, probe.Teams.CreateToken(kid: "key-1", algorithm: Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSsaPssSha256)),
        };

        var statuses = await SendAllAsync(ProbeClasses.ForgedCredentials, [unsigned, wrongSecret, stale, tampered, clickUnsigned, .. teams]);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.DoesNotContain(probe.App.Assistant.Turns, t => t.ConversationId is "C9FORGED" or "a:probe-forged");
    }

    [Theory]
    [InlineData("conversation", "..")]
    [InlineData("conversation", ".")]
    [InlineData("id", "..")]
    [InlineData("id", ".")]
    [InlineData("replyToId", "..")]
    public async Task ActivitiesWithDotSegmentIdsAreRefusedWith400AndNothingIsSent(string field, string id)
    {
        var activity = TeamsActivities.Message(probe.Teams.ServiceUrl, "dot segments", "a:probe-dots", id: "1700000090003");
        switch (field)
        {
            case "conversation":
                activity["conversation"]!["id"] = id;
                break;
            default:
                activity[field] = id;
                break;
        }

        var before = probe.Teams.ConnectorRequests.Count;
        var statuses = await SendAllAsync(ProbeClasses.DotSegmentIds, ProbeRequests.Teams(Encoding.UTF8.GetBytes(activity.ToJsonString()), probe.Teams.CreateToken()));

        Assert.Equal(HttpStatusCode.BadRequest, Assert.Single(statuses));
        Assert.DoesNotContain(probe.Teams.ConnectorRequests.Skip(before), r => r.RawPath.Contains("/v3/activities", StringComparison.Ordinal) || r.RawPath.EndsWith("/v3/conversations/activities", StringComparison.Ordinal));
        Assert.DoesNotContain(probe.App.Assistant.Turns, t => t.Text == "dot segments");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ActivitiesWithoutAChannelIdAreRefused(string? channelId)
    {
        var activity = TeamsActivities.Message(probe.Teams.ServiceUrl, "no channel", "a:probe-nochannel", id: "1700000090004");
        if (channelId is null)
        {
            activity.Remove("channelId");
        }
        else
        {
            activity["channelId"] = channelId;
        }

        var statuses = await SendAllAsync(ProbeClasses.MissingChannelId, ProbeRequests.Teams(Encoding.UTF8.GetBytes(activity.ToJsonString()), probe.Teams.CreateToken()));

        Assert.Contains(Assert.Single(statuses), new[] { HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest });
        Assert.DoesNotContain(probe.App.Assistant.Turns, t => t.ConversationId == "a:probe-nochannel");
    }

    [Theory]
    [InlineData("number")]
    [InlineData("object")]
    [InlineData("bot_profile")]
    public async Task SlackMessagesFromABotOfAnyShapeAreNeverAnswered(string shape)
    {
        var channel = "D9BOT" + shape.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var bot = SlackRequests.DirectMessage(channel, "U9OTHERAPP", "Searching the knowledge base…", "1764409200.000100");
        switch (shape)
        {
            case "number":
                bot["bot_id"] = 12345;
                break;
            case "object":
                bot["bot_id"] = new JsonObject { ["id"] = "B0OTHER" };
                break;
            default:
                bot["bot_profile"] = new JsonObject { ["id"] = "B0OTHER", ["name"] = "another bot", ["app_id"] = "A0OTHER" };
                break;
        }

        var statuses = await SendAllAsync(ProbeClasses.BotMessages, SlackRequests.Signed(Events, SlackRequests.EventCallback("Ev9BOT" + shape, bot)));

        // A person's message afterwards in the same conversation: once it is answered, the bot's would have been too.
        var person = SlackRequests.DirectMessage(channel, "U9PERSON", "a real question", "1764409201.000100");
        await SendAllAsync(ProbeClasses.BotMessages, SlackRequests.Signed(Events, SlackRequests.EventCallback("Ev9PERSON" + shape, person)));
        await WaitForSlackAnswerAsync(channel);

        Assert.Equal(HttpStatusCode.OK, Assert.Single(statuses));
        Assert.Equal(["a real question"], probe.App.Assistant.Turns.Where(t => t.ConversationId == channel).Select(t => t.Text));
        Assert.Single(probe.Slack.CallsTo("chat.postMessage", channel));
    }

    [Fact]
    public async Task AClickWhoseMessageBlocksAreMalformedKeepsTheVoteAndUpdatesTheMessageWithTheWellFormedBlocks()
    {
        const string channel = "C9BLOCKS";
        await SendAllAsync(ProbeClasses.MalformedBlocks, SlackRequests.Signed(Events, SlackRequests.EventCallback("Ev9BLOCKS",
            SlackRequests.AppMention(channel, "U9BLOCKS", $"<@{FakeSlackApi.BotUserId}> How do I book a flight?", "1764409300.000100"))));
        var answer = await WaitForSlackAnswerAsync(channel);
        var answerId = answer.Blocks!.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["value"]!.GetValue<string>();
        var blocks = answer.Blocks!.DeepClone().AsArray();
        blocks.Add("not a block");
        blocks.Add(42);
        blocks.Add(null);
        blocks.Add(new JsonObject { ["type"] = "section", ["block_id"] = 7, ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "odd id" } });

        var click = SlackRequests.BlockActions("U9BLOCKS", channel, answer.Str("ts")!, blocks, answer.Str("text")!, "feedback_up", answerId);
        var statuses = await SendAllAsync(ProbeClasses.MalformedBlocks, SlackRequests.Signed(Interactivity, click, "application/x-www-form-urlencoded"));
        await probe.Slack.WaitForAsync(_ => probe.Slack.CallsTo("chat.update", channel).Count >= 2, "the vote's acknowledgement");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Contains(probe.App.Feedback.Votes, v => v.AnswerId == answerId && v.UserId == "U9BLOCKS");
        var acknowledged = probe.Slack.CallsTo("chat.update", channel).Last().Blocks!;
        Assert.All(acknowledged, b => Assert.IsType<JsonObject>(b));
        Assert.Contains(acknowledged, b => b!["block_id"]?.ToString() == "feedback_thanks");
    }

    [Fact]
    public async Task DuplicateDeliveriesAreAnsweredOnce()
    {
        const string channel = "C9DUPS";
        var slackBody = SlackRequests.EventCallback("Ev9DUPS", SlackRequests.AppMention(channel, "U9DUPS", $"<@{FakeSlackApi.BotUserId}> once please", "1764409400.000100"));
        const string conversation = "a:probe-duplicates";
        var teamsBody = Encoding.UTF8.GetBytes(TeamsActivities.Message(probe.Teams.ServiceUrl, "once please", conversation, id: "1700000090005").ToJsonString());
        var token = probe.Teams.CreateToken();

        var statuses = await SendAllAsync(ProbeClasses.Duplicates, [
            .. Enumerable.Range(0, 20).Select(_ => SlackRequests.Signed(Events, slackBody)),
            .. Enumerable.Range(0, 20).Select(_ => ProbeRequests.Teams(teamsBody, token))]);

        // A later, different question in each conversation: once it is answered, a duplicate would have been too.
        await SendAllAsync(ProbeClasses.Duplicates,
            SlackRequests.Signed(Events, SlackRequests.EventCallback("Ev9DUPSNEXT", SlackRequests.AppMention(channel, "U9DUPS", $"<@{FakeSlackApi.BotUserId}> and then", "1764409401.000100"))),
            ProbeRequests.Teams(Encoding.UTF8.GetBytes(TeamsActivities.Message(probe.Teams.ServiceUrl, "and then", conversation, id: "1700000090006").ToJsonString()), token));
        await probe.Slack.WaitForAsync(_ => probe.Slack.CallsTo("chat.update", channel).Count >= 2, "both Slack answers");
        await WaitUntilAsync(() => probe.App.Assistant.Turns.Count(t => t.ConversationId == conversation) >= 2 && TeamsReplies(conversation) >= 2);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(["once please", "and then"], probe.App.Assistant.Turns.Where(t => t.ConversationId == channel).Select(t => t.Text));
        Assert.Equal(["once please", "and then"], probe.App.Assistant.Turns.Where(t => t.ConversationId == conversation).Select(t => t.Text));
        Assert.Equal(2, TeamsReplies(conversation));
    }

    /// <summary>Sends each request in turn, tallies it under <paramref name="probeClass"/>, prints the tally, and asserts no 5xx.</summary>
    private async Task<IReadOnlyList<HttpStatusCode>> SendAllAsync(string probeClass, params HttpRequestMessage[] requests)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var request in requests)
        {
            var (status, body) = await probe.SendAsync(probeClass, request);
            statuses.Add(status);
            Assert.True((int)status < 500, $"{probeClass}: {request.Method} {request.RequestUri} answered {(int)status}: {body}");
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }

        output.WriteLine(ProbeTally.Line(probeClass));
        output.WriteLine(ProbeTally.Summary());
        return statuses;
    }

    private int TeamsReplies(string conversation) =>
        probe.Teams.ConnectorRequests.Count(r => r.Type == "message" && r.RawPath.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal));

    private async Task<SlackCall> WaitForSlackAnswerAsync(string channel)
    {
        await probe.Slack.WaitForAsync(_ => probe.Slack.CallsTo("chat.update", channel).Any(c => c.Blocks?.Any(b => b!["type"]!.GetValue<string>() == "actions") == true), $"an answer to {channel}");
        return probe.Slack.CallsTo("chat.update", channel).Last();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }
}
