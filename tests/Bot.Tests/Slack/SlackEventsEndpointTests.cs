using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag;

namespace Assistant.Bot.Tests.Slack;

/// <summary>POST /slack/events through the real host, with the Web API faked at the HTTP level.</summary>
public sealed class SlackEventsEndpointTests(SlackAppFixture fixture) : IClassFixture<SlackAppFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly FakeSlackApi _slack = fixture.Slack;

    [Fact]
    public async Task AMentionInAChannelIsAnsweredInANewThreadWithSearchingFirstThenTheBlockKitAnswer()
    {
        const string channel = "C1MENTION";
        var body = SlackRequests.EventCallback("Ev1MENTION", SlackRequests.AppMention(channel, "U1ASKER", $"<@{FakeSlackApi.BotUserId}> How do I book a flight?", "1764400100.000100"));

        var response = await _client.SendAsync(SlackRequests.Signed("/slack/events", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = await WaitForAnswerAsync(channel);
        var post = Assert.Single(_slack.CallsTo("chat.postMessage", channel));
        Assert.Equal("1764400100.000100", post.Str("thread_ts"));
        Assert.Contains("Searching", post.Str("text"), StringComparison.Ordinal);
        Assert.Equal($"Bearer {SlackAppFactory.BotToken}", post.Authorization);
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        Assert.Equal(post.Str("ts") ?? update.Str("ts"), update.Str("ts"));

        var turn = Assert.Single(fixture.App.Assistant.Inner.Turns, t => t.ConversationId == channel);
        Assert.Equal(new Turn("slack", channel, "U1ASKER", "How do I book a flight?", null, "1764400100.000100", SlackRequests.TeamId), turn);

        var answerId = AnswerIdOf(update);
        Assert.True(fixture.App.Feedback.Answers.ContainsKey(answerId), "The answer was not recorded for feedback.");
        var text = update.Str("text")!;
        Assert.StartsWith("Book flights through the travel portal", text, StringComparison.Ordinal);
        var blocks = update.Blocks!;
        var answerSection = blocks[0]!["text"]!["text"]!.GetValue<string>();
        Assert.Contains("<https://intranet.example.com/policies/travel-1|[1]>", answerSection, StringComparison.Ordinal);
        var sources = blocks.Where(b => b!["type"]!.GetValue<string>() == "context").Select(b => b!["elements"]![0]!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("*[1]* <https://intranet.example.com/policies/travel-1|Travel policy, part 1>", sources);
        Assert.Contains("*[2]* <https://intranet.example.com/policies/travel-2|Travel policy, part 2>", sources);
        var buttons = blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        Assert.Equal(["feedback_up", "feedback_down"], buttons.Select(b => b!["action_id"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal(answerId, b!["value"]!.GetValue<string>()));
        BlockKitLimits.AssertWithin(update.Body!);
    }

    [Fact]
    public async Task AMentionInsideAThreadIsAnsweredInThatThread()
    {
        const string channel = "C2THREAD";
        var body = SlackRequests.EventCallback("Ev2THREAD", SlackRequests.AppMention(channel, "U2ASKER", $"<@{FakeSlackApi.BotUserId}|assistant> and for trains?", "1764400200.000200", threadTs: "1764400000.000050"));

        await _client.SendAsync(SlackRequests.Signed("/slack/events", body));

        await WaitForAnswerAsync(channel);
        Assert.Equal("1764400000.000050", Assert.Single(_slack.CallsTo("chat.postMessage", channel)).Str("thread_ts"));
        var turn = Assert.Single(fixture.App.Assistant.Inner.Turns, t => t.ConversationId == channel);
        Assert.Equal(("and for trains?", "1764400000.000050"), (turn.Text, turn.ThreadId));
    }

    [Fact]
    public async Task ADirectMessageIsAnsweredWithoutAMention()
    {
        const string channel = "D3DIRECT";
        var body = SlackRequests.EventCallback("Ev3DIRECT", SlackRequests.DirectMessage(channel, "U3ASKER", "What is the mileage allowance &amp; who pays it?", "1764400300.000300"));

        await _client.SendAsync(SlackRequests.Signed("/slack/events", body));

        await WaitForAnswerAsync(channel);
        var turn = Assert.Single(fixture.App.Assistant.Inner.Turns, t => t.ConversationId == channel);
        Assert.Equal(("What is the mileage allowance & who pays it?", "U3ASKER", "1764400300.000300"), (turn.Text, turn.UserId, turn.ThreadId));
    }

    [Fact]
    public async Task ARetriedEventWithTheSameEventIdGetsOneAnswer()
    {
        const string channel = "C4RETRY";
        var body = SlackRequests.EventCallback("Ev4RETRY", SlackRequests.AppMention(channel, "U4ASKER", $"<@{FakeSlackApi.BotUserId}> first question", "1764400400.000400"));

        var first = await _client.SendAsync(SlackRequests.Signed("/slack/events", body));
        var retry = SlackRequests.Signed("/slack/events", body);
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        var second = await _client.SendAsync(retry);
        await WaitForAnswerAsync(channel);

        // A later, different event in the same channel: once it is answered, a duplicate would have been too.
        var other = SlackRequests.EventCallback("Ev4OTHER", SlackRequests.AppMention(channel, "U4ASKER", $"<@{FakeSlackApi.BotUserId}> second question", "1764400401.000400"));
        await _client.SendAsync(SlackRequests.Signed("/slack/events", other));
        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", channel).Count == 2, "the second answer");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, _slack.CallsTo("chat.postMessage", channel).Count);
        Assert.Equal(["first question", "second question"], fixture.App.Assistant.Inner.Turns.Where(t => t.ConversationId == channel).Select(t => t.Text));
    }

    [Theory]
    [InlineData("bot_id")]
    [InlineData("own user")]
    [InlineData("subtype")]
    [InlineData("channel message")]
    public async Task TheBotsOwnMessagesOtherSubtypesAndChannelMessagesGetNoAnswer(string kind)
    {
        var channel = kind == "channel message" ? "C5IGNORED" : "D5IGNORED" + kind.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var ignored = SlackRequests.DirectMessage(channel, "U5ASKER", "Searching the knowledge base…", "1764400500.000500");
        switch (kind)
        {
            case "bot_id":
                ignored["bot_id"] = "BBOT0001";
                ignored["user"] = FakeSlackApi.BotUserId;
                break;
            case "own user":
                ignored["user"] = FakeSlackApi.BotUserId;
                break;
            case "subtype":
                ignored["subtype"] = "message_changed";
                break;
            default:
                ignored["channel_type"] = "channel";
                break;
        }

        var response = await _client.SendAsync(SlackRequests.Signed("/slack/events", SlackRequests.EventCallback("Ev5" + channel, ignored)));
        var real = SlackRequests.DirectMessage(channel, "U5ASKER", "a real question", "1764400501.000500");
        real["channel_type"] = "im";
        await _client.SendAsync(SlackRequests.Signed("/slack/events", SlackRequests.EventCallback("Ev5REAL" + channel, real)));
        await WaitForAnswerAsync(channel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_slack.CallsTo("chat.postMessage", channel));
        Assert.Equal(["a real question"], fixture.App.Assistant.Inner.Turns.Where(t => t.ConversationId == channel).Select(t => t.Text));
    }

    [Fact]
    public async Task TheEventIsAcknowledgedBeforeTheAnswerIsReady()
    {
        const string channel = "C7SLOW";
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.App.Assistant.Gate = gate;
        try
        {
            var body = SlackRequests.EventCallback("Ev7SLOW", SlackRequests.AppMention(channel, "U7ASKER", $"<@{FakeSlackApi.BotUserId}> slow one", "1764400700.000700"));

            var response = await _client.SendAsync(SlackRequests.Signed("/slack/events", body));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await _slack.WaitForAsync(_ => _slack.CallsTo("chat.postMessage", channel).Count == 1, "the Searching… message");
            Assert.Empty(_slack.CallsTo("chat.update", channel));
        }
        finally
        {
            fixture.App.Assistant.Gate = null;
            gate.SetResult();
        }

        await WaitForAnswerAsync(channel);
    }

    [Fact]
    public async Task ASlackRateLimitOnPostMessageIsRetriedAfterRetryAfter()
    {
        const string channel = "C8LIMITED";
        _slack.Script("chat.postMessage", 429, "{\"ok\":false,\"error\":\"ratelimited\"}", retryAfter: TimeSpan.FromSeconds(1));
        var body = SlackRequests.EventCallback("Ev8LIMIT", SlackRequests.AppMention(channel, "U8ASKER", $"<@{FakeSlackApi.BotUserId}> limited", "1764400800.000800"));

        await _client.SendAsync(SlackRequests.Signed("/slack/events", body));

        await WaitForAnswerAsync(channel);
        Assert.Equal(2, _slack.CallsTo("chat.postMessage", channel).Count);
    }

    [Fact]
    public async Task AnEngineFailureReplacesSearchingWithAnApologyAndTheNextQuestionIsStillAnswered()
    {
        const string channel = "C9FAILS";
        fixture.App.Assistant.Inner.Failure = new InvalidOperationException("index broken");
        try
        {
            var body = SlackRequests.EventCallback("Ev9FAIL", SlackRequests.AppMention(channel, "U9ASKER", $"<@{FakeSlackApi.BotUserId}> boom", "1764400900.000900"));
            await _client.SendAsync(SlackRequests.Signed("/slack/events", body));
            var update = (await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", channel).Count == 1, "the apology"))
                .Single(c => c.Method == "chat.update" && c.Str("channel") == channel);
            Assert.Contains("something went wrong", update.Str("text"), StringComparison.Ordinal);
            Assert.DoesNotContain("index broken", update.Body!.ToJsonString(), StringComparison.Ordinal);
        }
        finally
        {
            fixture.App.Assistant.Inner.Failure = null;
        }

        var next = SlackRequests.EventCallback("Ev9NEXT", SlackRequests.AppMention(channel, "U9ASKER", $"<@{FakeSlackApi.BotUserId}> again", "1764400901.000900"));
        await _client.SendAsync(SlackRequests.Signed("/slack/events", next));
        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", channel).Count == 2, "the next answer");
        Assert.NotNull(_slack.CallsTo("chat.update", channel)[1].Blocks!.SingleOrDefault(b => b!["type"]!.GetValue<string>() == "actions"));
    }

    [Fact]
    public async Task WhileTheIndexLoadsTheSearchingMessageSaysToAskAgainAndNothingIsRecorded()
    {
        const string channel = "C14LOADING";
        fixture.App.Assistant.Inner.Ready = false;
        try
        {
            var body = SlackRequests.EventCallback("Ev14LOAD", SlackRequests.AppMention(channel, "U14ASKER", $"<@{FakeSlackApi.BotUserId}> too early", "1764401400.001400"));

            await _client.SendAsync(SlackRequests.Signed("/slack/events", body));

            var update = (await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", channel).Count == 1, "the loading notice"))
                .Single(c => c.Method == "chat.update" && c.Str("channel") == channel);
            Assert.Contains("still loading", update.Str("text"), StringComparison.Ordinal);
            Assert.DoesNotContain(update.Blocks!, b => b!["type"]!.GetValue<string>() == "actions");
            Assert.DoesNotContain(fixture.App.Assistant.Inner.Turns, t => t.ConversationId == channel);
        }
        finally
        {
            fixture.App.Assistant.Inner.Ready = true;
        }
    }

    [Fact]
    public async Task ASlackErrorOnTheSearchingPostDoesNotCostTheAnswerItIsPostedOnItsOwn()
    {
        const string channel = "C10NOTIN";
        _slack.Script("chat.postMessage", 200, "{\"ok\":false,\"error\":\"not_in_channel\"}");
        var body = SlackRequests.EventCallback("Ev10NOTIN", SlackRequests.AppMention(channel, "U10ASKER", $"<@{FakeSlackApi.BotUserId}> hello?", "1764401000.001000"));
        await _client.SendAsync(SlackRequests.Signed("/slack/events", body));

        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.postMessage", channel).Count == 2, "the refused placeholder and the answer");

        var answer = _slack.CallsTo("chat.postMessage", channel)[1];
        Assert.Contains(answer.Blocks!, b => b!["type"]!.GetValue<string>() == "actions");
        Assert.Equal("1764401000.001000", answer.Str("thread_ts"));
        Assert.Empty(_slack.CallsTo("chat.update", channel));
        Assert.Single(fixture.App.Assistant.Inner.Turns, t => t.ConversationId == channel);
    }

    [Fact]
    public async Task UrlVerificationEchoesTheChallenge()
    {
        var response = await _client.SendAsync(SlackRequests.Signed("/slack/events", "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task SslCheckIsAnswered200WithoutASignature()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/events", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("ssl_check", "1"), new("token", "legacy")]),
        };

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong secret")]
    [InlineData("stale")]
    [InlineData("future")]
    [InlineData("tampered body")]
    public async Task BadStaleOrMissingSignaturesAre401AndNothingIsAnswered(string kind)
    {
        var channel = "C11SIG" + kind.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var body = SlackRequests.EventCallback("Ev11" + channel, SlackRequests.AppMention(channel, "U11ASKER", $"<@{FakeSlackApi.BotUserId}> forged", "1764401100.001100"));
        var request = kind switch
        {
            "wrong secret" => SlackRequests.Signed("/slack/events", body, secret: "not-the-secret"),
            "stale" => SlackRequests.Signed("/slack/events", body, at: DateTimeOffset.UtcNow.AddMinutes(-6)),
            "future" => SlackRequests.Signed("/slack/events", body, at: DateTimeOffset.UtcNow.AddMinutes(6)),
            _ => SlackRequests.Signed("/slack/events", body),
        };
        if (kind == "missing")
        {
            request.Headers.Remove("X-Slack-Signature");
        }

        if (kind == "tampered body")
        {
            request.Content = new StringContent(body.Replace("forged", "tampered", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(fixture.App.Assistant.Inner.Turns, t => t.ConversationId == channel);
    }

    [Fact]
    public async Task AnUnsignedUrlVerificationIs401()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/events", UriKind.Relative))
        {
            Content = new StringContent("{\"challenge\":\"abc\",\"type\":\"url_verification\"}", System.Text.Encoding.UTF8, "application/json"),
        };

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("abc", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"event_callback\",", HttpStatusCode.BadRequest)]
    [InlineData("[1,2,3]", HttpStatusCode.BadRequest)]
    [InlineData("{\"type\":\"app_rate_limited\",\"team_id\":\"T0001\",\"minute_rate_limited\":1518467820}", HttpStatusCode.OK)]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T0001\",\"event\":{\"type\":\"app_mention\"}}", HttpStatusCode.BadRequest)]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T0001\",\"event_id\":\"Ev12\",\"event\":{\"type\":\"app_mention\",\"text\":\"hi\"}}", HttpStatusCode.BadRequest)]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T0001\",\"event_id\":\"Ev12B\",\"event\":{\"type\":\"team_join\",\"user\":{\"id\":\"U1\"}}}", HttpStatusCode.OK)]
    [InlineData("{\"type\":\"url_verification\"}", HttpStatusCode.BadRequest)]
    public async Task MalformedJsonMissingFieldsAndUnknownTypesGetAClearStatusAndNoAnswer(string body, HttpStatusCode expected)
    {
        var before = fixture.App.Assistant.Inner.Turns.Count;

        var response = await _client.SendAsync(SlackRequests.Signed("/slack/events", body));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(before, fixture.App.Assistant.Inner.Turns.Count);
    }

    [Fact]
    public async Task AnOversizedBodyIs413()
    {
        var body = SlackRequests.EventCallback("Ev13BIG", SlackRequests.AppMention("C13BIG", "U13", new string('x', 300 * 1024), "1764401300.001300"));

        var response = await _client.SendAsync(SlackRequests.Signed("/slack/events", body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_slack.CallsTo("chat.postMessage", "C13BIG"));
    }

    private async Task<SlackCall> WaitForAnswerAsync(string channel)
    {
        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", channel).Any(c => c.Blocks?.Any(b => b!["type"]!.GetValue<string>() == "actions") == true), $"an answer to {channel}");
        return _slack.CallsTo("chat.update", channel).Last();
    }

    private static string AnswerIdOf(SlackCall update) =>
        update.Blocks!.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["value"]!.GetValue<string>();
}
