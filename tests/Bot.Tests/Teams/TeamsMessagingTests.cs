using System.Net;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.Teams;

/// <summary>Questions from Teams, answered through the (fake) Bot Connector.</summary>
public sealed class TeamsMessagingTests : IAsyncLifetime
{
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task APersonalChatQuestionGetsATypingIndicatorThenAReplyWithTheAnswerCard()
    {
        // Arrange
        var fake = _host.Fake;
        var activity = TeamsActivities.Message(fake.ServiceUrl, "How do I book a flight?");

        // Act
        using var response = await _host.PostAsync(activity);
        var requests = await fake.WaitForConnectorRequestsAsync(2);

        // Assert: 200 at once, then typing to the conversation, then the reply to the activity
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = Uri.EscapeDataString(TeamsActivities.PersonalConversation);
        Assert.Equal(("POST", $"/amer/v3/conversations/{conversation}/activities", "typing"), (requests[0].Method, requests[0].RawPath, requests[0].Type));
        var reply = requests[1];
        Assert.Equal(("POST", $"/amer/v3/conversations/{conversation}/activities/1700000000111"), (reply.Method, reply.RawPath));
        Assert.Equal("Bearer connector-token-1", reply.Authorization);
        Assert.StartsWith("application/json", reply.ContentType, StringComparison.Ordinal);

        var body = reply.Body;
        Assert.Equal("message", body["type"]!.GetValue<string>());
        Assert.Equal("1700000000111", body["replyToId"]!.GetValue<string>());
        Assert.Equal(TeamsActivities.BotId, body["from"]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsActivities.UserMri, body["recipient"]!["id"]!.GetValue<string>());
        Assert.Contains("[1]", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("default", body["channelData"]!["feedbackLoop"]!["type"]!.GetValue<string>());

        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!.ToJsonString();
        var verdict = await CardValidator.ValidateAsync(card);
        Assert.True(verdict.Valid, verdict.RawOutput);
        Assert.Contains("Travel policy, part 1", card, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"feedback\"", card, StringComparison.Ordinal);

        var entity = Assert.Single(body["entities"]!.AsArray())!;
        Assert.Equal("https://schema.org/Message", entity["type"]!.GetValue<string>());
        Assert.Equal([1, 2], entity["citation"]!.AsArray().Select(c => c!["position"]!.GetValue<int>()));
        Assert.All(entity["citation"]!.AsArray(), c => Assert.Contains($"[{c!["position"]}]", body["text"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("https://intranet.example.com/policies/travel-1", entity["citation"]![0]!["appearance"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThePersonalTurnCarriesTheTeamsIdentityAndTheAnswerIsRecordedForFeedback()
    {
        // Act
        await _host.AskAsync("How do I book a flight?");

        // Assert
        var turn = Assert.Single(_host.App.Assistant.Turns);
        Assert.Equal("teams", turn.Channel);
        Assert.Equal(TeamsActivities.PersonalConversation, turn.ConversationId);
        Assert.Equal(TeamsActivities.UserAadId, turn.UserId);
        Assert.Equal("Megan Bowen", turn.UserName);
        Assert.Equal(TeamsActivities.TenantId, turn.TenantId);
        Assert.Null(turn.ThreadId);
        Assert.Equal("How do I book a flight?", turn.Text);
        var recorded = Assert.Single(_host.App.Feedback.Answers);
        Assert.Equal(("ans-1", "teams"), (recorded.Key, recorded.Value.Turn.Channel));
    }

    [Fact]
    public async Task AChannelMentionIsStrippedAndAnsweredInTheSameReplyChain()
    {
        // Arrange
        var fake = _host.Fake;
        var activity = TeamsActivities.MentionMessage(fake.ServiceUrl, "What is the mileage allowance?", TeamsActivities.ChannelConversation, "channel");

        // Act
        using var response = await _host.PostAsync(activity);
        var requests = await fake.WaitForConnectorRequestsAsync(2);

        // Assert: ids with ':', ';', '@' and '=' are escaped; the reply goes under the thread's root
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "/amer/v3/conversations/19%3Ae1d2c3b4a5%40thread.tacv2%3Bmessageid%3D1699999999999/activities/1700000000111",
            requests.Single(r => r.Type == "message").RawPath);
        var turn = Assert.Single(_host.App.Assistant.Turns);
        Assert.Equal("What is the mileage allowance?", turn.Text);
        Assert.Equal("1699999999999", turn.ThreadId);
        Assert.Equal(TeamsActivities.ChannelConversation, turn.ConversationId);
    }

    [Fact]
    public async Task AGroupChatMentionIsAnsweredInTheGroupChat()
    {
        // Act
        using var response = await _host.PostAsync(
            TeamsActivities.MentionMessage(_host.Fake.ServiceUrl, "Who approves sabbaticals?", TeamsActivities.GroupConversation, "groupChat"));
        var requests = await _host.Fake.WaitForConnectorRequestsAsync(2);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(
            $"/amer/v3/conversations/{Uri.EscapeDataString(TeamsActivities.GroupConversation)}/activities/",
            requests.Single(r => r.Type == "message").RawPath,
            StringComparison.Ordinal);
        Assert.Equal("Who approves sabbaticals?", Assert.Single(_host.App.Assistant.Turns).Text);
    }

    [Fact]
    public async Task MessagesOfOneConversationAreAnsweredInOrderEachAfterItsOwnTypingIndicator()
    {
        // Act
        foreach (var (question, id) in new[] { ("first question", "m1"), ("second question", "m2"), ("third question", "m3") })
        {
            var activity = TeamsActivities.Message(_host.Fake.ServiceUrl, question);
            activity["id"] = id;
            using var response = await _host.PostAsync(activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var requests = await _host.Fake.WaitForConnectorRequestsAsync(6);

        // Assert
        Assert.Equal(
            ["typing", "message m1", "typing", "message m2", "typing", "message m3"],
            requests.Select(r => r.Type == "typing" ? "typing" : $"message {r.Body["replyToId"]}"));
        Assert.Equal(["first question", "second question", "third question"], _host.App.Assistant.Turns.Select(t => t.Text));
    }

    [Fact]
    public async Task AMessageDeliveredTwiceIsAnsweredOnce()
    {
        // Arrange
        var activity = TeamsActivities.Message(_host.Fake.ServiceUrl, "How do I book a flight?");
        var later = TeamsActivities.Message(_host.Fake.ServiceUrl, "And a train?");
        later["id"] = "1700000000333";

        // Act: the same activity twice, then a different one as a marker that the queue has moved on
        using var first = await _host.PostAsync(activity);
        using var again = await _host.PostAsync(activity);
        using var third = await _host.PostAsync(later);
        var requests = await _host.Fake.WaitForConnectorRequestsAsync(4);

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(["How do I book a flight?", "And a train?"], _host.App.Assistant.Turns.Select(t => t.Text));
        Assert.Equal(2, requests.Count(r => r.Type == "message"));
    }

    [Fact]
    public async Task TheHelpCommandGetsTheWelcomeCardInsteadOfASearch()
    {
        // Act
        using var response = await _host.PostAsync(
            TeamsActivities.MentionMessage(_host.Fake.ServiceUrl, "help", TeamsActivities.GroupConversation, "groupChat"));
        var request = Assert.Single(await _host.Fake.WaitForConnectorRequestsAsync(1));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hi!", request.Body["attachments"]![0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_host.App.Assistant.Turns);
    }

    [Fact]
    public async Task TheBotJoiningAConversationSendsTheWelcomeCard()
    {
        // Act
        using var response = await _host.PostAsync(TeamsActivities.BotAdded(_host.Fake.ServiceUrl));
        var request = Assert.Single(await _host.Fake.WaitForConnectorRequestsAsync(1));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(TeamsActivities.ChannelConversation)}/activities", request.RawPath);
        var card = request.Body["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("Hi!", card, StringComparison.Ordinal);
        var verdict = await CardValidator.ValidateAsync(card);
        Assert.True(verdict.Valid, verdict.RawOutput);
        Assert.Empty(_host.App.Assistant.Turns);
    }

    [Fact]
    public async Task InstallingTheAppSendsOneWelcomeThoughTeamsSendsBothInstallationUpdateAndConversationUpdate()
    {
        // Arrange: what Teams (and the Agents Playground) send when the app is added to a chat
        var installed = TeamsActivities.Message(_host.Fake.ServiceUrl, string.Empty, TeamsActivities.ChannelConversation, "channel", "f:install-1");
        installed["type"] = "installationUpdate";
        installed["action"] = "add";
        installed.Remove("text");

        // Act
        using var first = await _host.PostAsync(installed);
        using var second = await _host.PostAsync(TeamsActivities.BotAdded(_host.Fake.ServiceUrl));
        var request = Assert.Single(await _host.Fake.WaitForConnectorRequestsAsync(1));
        await Task.Delay(300); // a second welcome, if one were sent, arrives within this

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Contains("Hi!", request.Body["attachments"]![0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(_host.Fake.ConnectorRequests);
        Assert.Empty(_host.App.Assistant.Turns);
    }

    [Fact]
    public async Task UninstallingTheAppIsAcknowledgedWithoutSendingAnything()
    {
        // Arrange
        var activity = TeamsActivities.Message(_host.Fake.ServiceUrl, string.Empty);
        activity["type"] = "installationUpdate";
        activity["action"] = "remove";

        // Act
        using var response = await _host.PostAsync(activity);
        await Task.Delay(300);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Fake.ConnectorRequests);
        Assert.Empty(_host.App.Assistant.Turns);
    }

    [Fact]
    public async Task AnEngineFailureIsToldToTheUserWithoutDetails()
    {
        // Arrange
        _host.App.Assistant.Failure = new InvalidOperationException("secret internal detail");

        // Act
        var reply = await _host.AskAsync();

        // Assert
        var text = reply.Body["text"]!.GetValue<string>();
        Assert.Contains("something went wrong", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Empty(_host.App.Feedback.Answers);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedWith413()
    {
        // Arrange
        var activity = TeamsActivities.Message(_host.Fake.ServiceUrl, new string('x', 300 * 1024));

        // Act
        using var response = await _host.PostAsync(activity);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.App.Assistant.Turns);
    }

    [Fact]
    public async Task MalformedJsonWithAValidTokenIsRefusedWith400()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent("{\"type\": \"message\", ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", _host.Fake.CreateToken());

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("at System.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutATeamsAppIdTheEndpointAnswers404AndThePlaygroundStillWorks()
    {
        // Arrange
        await using var factory = new Playground.PlaygroundAppFactory();
        using var client = factory.CreateClient();

        // Act
        using var teams = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var chat = await client.PostAsync(
            new Uri("/api/chat", UriKind.Relative),
            new StringContent("""{"conversationId":"c1","userId":"u1","text":"How do I book a flight?"}""", System.Text.Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, teams.StatusCode);
        Assert.Contains("Teams:AppId", await teams.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }
}
