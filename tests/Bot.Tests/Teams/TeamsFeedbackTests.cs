using System.Net;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Feedback;

namespace Assistant.Bot.Tests.Teams;

/// <summary>Votes from Teams' own feedback buttons and from the answer card's buttons end in the feedback store.</summary>
public sealed class TeamsFeedbackTests : IAsyncLifetime
{
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TeamsBuiltInFeedbackIsMatchedThroughReplyToIdAndAnsweredWithAnEmptyObject()
    {
        // Arrange: the fake connector gives the reply an id; Teams' feedback names that id in replyToId
        var reply = await _host.AskAsync();
        var sentId = "1700000000001";
        Assert.Equal("ans-1", _host.App.Feedback.Answers.Keys.Single());

        // Act
        var (status, body) = await _host.InvokeAsync(TeamsActivities.FeedbackInvoke(_host.Fake.ServiceUrl, sentId, "dislike"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body!.ToJsonString());
        var vote = Assert.Single(_host.App.Feedback.Votes);
        Assert.Equal(("ans-1", TeamsActivities.UserAadId, "teams", VoteValue.Down), (vote.AnswerId, vote.UserId, vote.Channel, vote.Value));
        Assert.Equal("message", reply.Type);
    }

    [Fact]
    public async Task FeedbackOnAMessageTheBotDidNotSendRecordsNothingButStillAnswersTheWayTeamsRequires()
    {
        // Act
        var (status, body) = await _host.InvokeAsync(TeamsActivities.FeedbackInvoke(_host.Fake.ServiceUrl, "1700000000999", "like"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body!.ToJsonString());
        Assert.Empty(_host.App.Feedback.Votes);
    }

    [Fact]
    public async Task FeedbackWithoutAReactionIsRefusedWith400()
    {
        // Arrange
        var invoke = TeamsActivities.Invoke(_host.Fake.ServiceUrl, "message/submitAction", "1700000000001", new JsonObject { ["actionName"] = "feedback" });

        // Act
        var (status, _) = await _host.InvokeAsync(invoke);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task TheCardsThumbsUpRecordsTheVoteAndRedrawsTheCardWithThanks()
    {
        // Arrange
        await _host.AskAsync();

        // Act
        var (status, body) = await _host.InvokeAsync(TeamsActivities.ExecuteInvoke(
            _host.Fake.ServiceUrl,
            "1700000000001",
            "feedback",
            new JsonObject { ["answerId"] = "ans-1", ["vote"] = "up" }));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, body!["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var card = body["value"]!.ToJsonString();
        Assert.Contains("Thanks for the feedback", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", card, StringComparison.Ordinal);
        var verdict = await CardValidator.ValidateAsync(card);
        Assert.True(verdict.Valid, verdict.RawOutput);
        Assert.Equal(VoteValue.Up, Assert.Single(_host.App.Feedback.Votes).Value);
    }

    [Fact]
    public async Task ACardVoteOnAnUnknownAnswerGetsAnErrorInvokeResponse()
    {
        // Act
        var (status, body) = await _host.InvokeAsync(TeamsActivities.ExecuteInvoke(
            _host.Fake.ServiceUrl,
            "1700000000001",
            "feedback",
            new JsonObject { ["answerId"] = "ans-nobody", ["vote"] = "up" }));

        // Assert: Universal Actions carry the error in the body of an HTTP 200, so Teams shows its message
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(404, body!["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Empty(_host.App.Feedback.Votes);
    }

    [Fact]
    public async Task ACardVoteFromAnotherConversationThanTheAnswersIsRefused()
    {
        // Arrange: answered in the personal chat
        await _host.AskAsync();
        var invoke = TeamsActivities.ExecuteInvoke(_host.Fake.ServiceUrl, "1700000000001", "feedback", new JsonObject { ["answerId"] = "ans-1", ["vote"] = "down" });
        invoke["conversation"]!["id"] = TeamsActivities.GroupConversation;

        // Act
        var (status, body) = await _host.InvokeAsync(invoke);

        // Assert
        Assert.Equal((HttpStatusCode.OK, 404), (status, body!["statusCode"]!.GetValue<int>()));
        Assert.Empty(_host.App.Feedback.Votes);
    }

    [Fact]
    public async Task ACardVoteWhileTheFeedbackStoreIsDownGetsAnErrorTeamsShows()
    {
        // Arrange
        await _host.AskAsync();
        _host.App.Feedback.Unavailable = true;

        // Act
        var (status, body) = await _host.InvokeAsync(TeamsActivities.ExecuteInvoke(_host.Fake.ServiceUrl, "1700000000001", "feedback", new JsonObject { ["answerId"] = "ans-1", ["vote"] = "up" }));

        // Assert
        Assert.Equal((HttpStatusCode.OK, 503), (status, body!["statusCode"]!.GetValue<int>()));
        Assert.Contains("couldn't record your vote", body["value"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACardActionWithAnUnknownVerbGetsABadRequestInvokeResponse()
    {
        // Act
        var (status, body) = await _host.InvokeAsync(TeamsActivities.ExecuteInvoke(_host.Fake.ServiceUrl, "1700000000001", "deleteEverything", new JsonObject()));

        // Assert
        Assert.Equal((HttpStatusCode.OK, 400), (status, body!["statusCode"]!.GetValue<int>()));
        Assert.Equal("NotSupported", body["value"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheActionSubmitFallbackRecordsTheVoteAndUpdatesTheAnswerMessage()
    {
        // Arrange
        await _host.AskAsync();
        var before = _host.Fake.ConnectorRequests.Count;

        // Act
        using var response = await _host.PostAsync(TeamsActivities.SubmitMessage(
            _host.Fake.ServiceUrl,
            "1700000000001",
            new JsonObject { ["answerId"] = "ans-1", ["vote"] = "down" }));
        var update = (await _host.Fake.WaitForConnectorRequestsAsync(before + 1))[before];

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VoteValue.Down, Assert.Single(_host.App.Feedback.Votes).Value);
        Assert.Equal("PUT", update.Method);
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(TeamsActivities.PersonalConversation)}/activities/1700000000001", update.RawPath);
        Assert.Equal("1700000000001", update.Body["id"]!.GetValue<string>());
        var card = update.Body["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("Thanks for the feedback", card, StringComparison.Ordinal);
        Assert.Empty(_host.App.Assistant.Turns.Skip(1));
    }

    [Fact]
    public async Task AnUnknownInvokeNameGets501()
    {
        // Act
        var (status, _) = await _host.InvokeAsync(TeamsActivities.Invoke(_host.Fake.ServiceUrl, "composeExtension/query", "x", new JsonObject()));

        // Assert
        Assert.Equal(HttpStatusCode.NotImplemented, status);
    }
}
