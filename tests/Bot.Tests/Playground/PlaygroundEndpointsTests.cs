using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assistant.Bot.Channels;
using Assistant.Bot.Playground;
using Assistant.Rag.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assistant.Bot.Tests.Playground;

public sealed class PlaygroundEndpointsTests(PlaygroundAppFactory app) : IClassFixture<PlaygroundAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task RootServesTheChatPageWithItsFormScriptAndStyle()
    {
        var response = await _client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form id=\"ask\"", html, StringComparison.Ordinal);
        Assert.Contains("<textarea id=\"question\"", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var script = await _client.GetAsync(new Uri("/playground/playground.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("/api/chat", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var style = await _client.GetAsync(new Uri("/playground/playground.css", UriKind.Relative));
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChatAnswersWithTheDocumentedJsonShapeAndRecordsTheAnswer()
    {
        var response = await PostJsonAsync("/api/chat", new { conversationId = "conv-1", text = "  How do I book a flight?  " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var answerId = root.GetProperty("answerId").GetString()!;
        Assert.Contains("[1]", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        var citation = root.GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("n").GetInt32());
        Assert.Equal("Travel policy, part 1", citation.GetProperty("title").GetString());
        Assert.Equal("https://intranet.example.com/policies/travel-1", citation.GetProperty("url").GetString());
        Assert.StartsWith("Employees book flights", citation.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        var route = root.GetProperty("routes")[0];
        Assert.Equal("vector", route.GetProperty("name").GetString());
        Assert.Equal(1.0, route.GetProperty("weight").GetDouble());
        Assert.Equal("always", route.GetProperty("reason").GetString());
        Assert.Equal("How do I book a flight?", root.GetProperty("standaloneQuestion").GetString());
        Assert.Equal("Extractive", root.GetProperty("kind").GetString());
        Assert.Equal("AdaptiveCard", root.GetProperty("card").GetProperty("type").GetString());
        Assert.Equal(answerId, root.GetProperty("card").GetProperty("actions")[0].GetProperty("data").GetProperty("answerId").GetString());

        // Asked as the session the server issued (its cookie), never as an id the body names.
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PlaygroundSession.CookieName + "=", StringComparison.Ordinal))
            .Split(';')[0][(PlaygroundSession.CookieName.Length + 1)..];
        Assert.Contains("httponly", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        await WaitUntilRecordedAsync(answerId);
        var (turn, _) = app.Feedback.Answers[answerId];
        Assert.Equal(new Rag.Turn("playground", session + ":conv-1", session, "How do I book a flight?"), turn);
    }

    [Theory]
    [InlineData("{\"conversationId\": \"c\", \"userId\": \"u\", \"text\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"conversationId\": \"c\", \"userId\": \"u\", \"text\": 42}")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    public async Task MalformedJsonIsA400ProblemNotAServerError(string body)
    {
        var response = await PostRawAsync("/api/chat", body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BodyOver64KilobytesIsRefusedWith413()
    {
        var text = new string('a', 70 * 1024);

        var response = await PostJsonAsync("/api/chat", new { conversationId = "c", text });

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.DoesNotContain(app.Assistant.Turns, t => t.Text == text);
    }

    [Fact]
    public async Task BodyOver64KilobytesWithoutContentLengthIsRefusedWith413()
    {
        var json = JsonSerializer.Serialize(new { conversationId = "c", text = new string('b', 70 * 1024) });
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("c", "", "text")]
    [InlineData("c", "   ", "text")]
    [InlineData("c", null, "text")]
    [InlineData(null, "hi", "conversationId")]
    [InlineData("c/../x", "hi", "conversationId")]
    public async Task MissingOrInvalidFieldIsA400NamingTheField(string? conversationId, string? text, string field)
    {
        var response = await PostJsonAsync("/api/chat", new { conversationId, text });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task IdLongerThan128CharactersIsRefused()
    {
        var response = await PostJsonAsync("/api/chat", new { conversationId = new string('c', 129), userId = "u", text = "hi" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("conversationId", out _));
    }

    [Fact]
    public async Task QuestionOver4000CharactersIsA400SayingItIsTooLong()
    {
        var response = await PostJsonAsync("/api/chat", new { conversationId = "c", text = new string('q', 4001) });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("too long", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyThatIsNotDeclaredAsJsonIsA415()
    {
        using var content = new StringContent("{\"conversationId\":\"c\",\"text\":\"hi\"}", Encoding.UTF8, "text/plain");

        var response = await _client.PostAsync(new Uri("/api/chat", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AssistantThatIsNotReadyGets503WithRetryAfter()
    {
        app.Assistant.Ready = false;
        try
        {
            var response = await PostJsonAsync("/api/chat", new { conversationId = "c", text = "hi" });

            await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
        }
        finally
        {
            app.Assistant.Ready = true;
        }
    }

    [Fact]
    public async Task EngineFailureIsA500ProblemThatDoesNotEchoTheExceptionMessage()
    {
        using var failingApp = new PlaygroundAppFactory();
        failingApp.Assistant.Failure = new InvalidOperationException("secret connection string Password=hunter2");
        using var client = failingApp.CreateClient();

        using var content = JsonContent.Create(new { conversationId = "c", text = "hi" });
        var response = await client.PostAsync(new Uri("/api/chat", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("hunter2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATableAnswerCarriesItsRowsTheQueryAndACardWithTheTable()
    {
        var body = await ScriptedChatAsync(TestSupport.Answers.Queried(), "Which team has the most open P1 tickets?");

        Assert.Equal("Queried", body.GetProperty("kind").GetString());
        var table = body.GetProperty("tables")[0];
        Assert.Equal(["team", "open_p1"], table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(19, table.GetProperty("rows")[0][1].GetInt64());
        Assert.StartsWith("SELECT t.name AS team", table.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Equal(("servicedesk", 3, false), (table.GetProperty("source").GetString(), table.GetProperty("totalRows").GetInt32(), table.GetProperty("truncated").GetBoolean()));
        Assert.Contains(body.GetProperty("card").GetProperty("body").EnumerateArray(), e => e.GetProperty("type").GetString() == "Table");
    }

    [Fact]
    public async Task AVoteOnAQueriedAnswerTeachesTheRouteThatWroteIt()
    {
        var sql = new TestSupport.RecordingStructuredRoute("sql");
        using var teachApp = PlaygroundAppFactory.WithServices(s =>
        {
            s.RemoveAll<Rag.Retrieval.IStructuredRoute>();
            s.AddSingleton<Rag.Retrieval.IStructuredRoute>(sql);
        });
        teachApp.Assistant.Script = TestSupport.Answers.Queried();
        using var client = teachApp.CreateClient();
        using var ask = JsonContent.Create(new { conversationId = "c", text = "Which team has the most open P1 tickets?" });
        var answerId = (await (await client.PostAsync(new Uri("/api/chat", UriKind.Relative), ask)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerId").GetString()!;

        using var vote = JsonContent.Create(new { answerId, conversationId = "c", vote = "up" });
        var response = await client.PostAsync(new Uri("/api/feedback", UriKind.Relative), vote);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var taught = Assert.Single(sql.Votes);
        Assert.Equal(("Which team has the most open P1 tickets?", "ex-3", true), (taught.Question, taught.ExampleId, taught.Helpful));
        Assert.StartsWith("SELECT t.name AS team", taught.Query, StringComparison.Ordinal);
        Assert.Equal(teachApp.Feedback.Answers[answerId].Turn.UserId, taught.UserId);
    }

    [Fact]
    public async Task ADeclineCarriesTheQuestionsTheBotCanAnswer()
    {
        var body = await ScriptedChatAsync(TestSupport.Answers.WithSuggestions(), "How many printers are on Mars?");

        Assert.Equal(3, body.GetProperty("suggestions").GetArrayLength());
        Assert.Equal("How many open P1 tickets does the Network team have?", body.GetProperty("suggestions")[0].GetString());
    }

    // /api/chat's body on a host of its own whose engine answers with script.
    private static async Task<JsonElement> ScriptedChatAsync(Rag.Generation.Answer script, string text)
    {
        using var scripted = new PlaygroundAppFactory();
        scripted.Assistant.Script = script;
        using var client = scripted.CreateClient();
        using var content = JsonContent.Create(new { conversationId = "c", text });
        return await (await client.PostAsync(new Uri("/api/chat", UriKind.Relative), content)).Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task FeedbackOnAnUnknownAnswerIs404()
    {
        var response = await PostJsonAsync("/api/feedback", new { answerId = "no-such-answer", conversationId = "c", vote = "up" });

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FeedbackOnAnAnswerIs204AndTheVoteReachesTheStore()
    {
        var chat = await PostJsonAsync("/api/chat", new { conversationId = "c", text = "hi" });
        var answerId = (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerId").GetString()!;

        var response = await PostJsonAsync("/api/feedback", new { answerId, conversationId = "c", vote = "down" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var vote = Assert.Single(await app.Feedback.GetVotesAsync(answerId));
        var asked = app.Feedback.Answers[answerId].Turn;
        Assert.Equal((asked.UserId, asked.ConversationId, "playground", VoteValue.Down), (vote.UserId, vote.ConversationId, vote.Channel, vote.Value));
    }

    [Fact]
    public async Task AVoteFromAnotherSessionOrConversationThanTheAnswersIsRefusedAndTheBodysUserIdIsIgnored()
    {
        var chat = await PostJsonAsync("/api/chat", new { conversationId = "mine", text = "hi" });
        var answerId = (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerId").GetString()!;
        await WaitUntilRecordedAsync(answerId);
        var asker = app.Feedback.Answers[answerId].Turn.UserId;
        using var stranger = app.CreateClient();

        var otherSession = await stranger.PostAsJsonAsync(new Uri("/api/feedback", UriKind.Relative), new { answerId, conversationId = "mine", userId = asker, vote = "down" });
        var otherConversation = await PostJsonAsync("/api/feedback", new { answerId, conversationId = "not-mine", vote = "down" });

        await AssertProblemAsync(otherSession, HttpStatusCode.NotFound);
        await AssertProblemAsync(otherConversation, HttpStatusCode.NotFound);
        Assert.Empty(await app.Feedback.GetVotesAsync(answerId));
    }

    [Fact]
    public async Task AFeedbackStoreThatIsDownStillLetsQuestionsBeAnsweredAndMakesVotesA503()
    {
        app.Feedback.Unavailable = true;
        try
        {
            var chat = await PostJsonAsync("/api/chat", new { conversationId = "c", text = "hi" });
            var vote = await PostJsonAsync("/api/feedback", new { answerId = "ans-1", conversationId = "c", vote = "up" });

            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
            await AssertProblemAsync(vote, HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            app.Feedback.Unavailable = false;
        }
    }

    [Theory]
    [InlineData("sideways")]
    [InlineData("UP")]
    [InlineData(null)]
    public async Task VoteThatIsNotUpOrDownIsA400(string? vote)
    {
        var response = await PostJsonAsync("/api/feedback", new { answerId = "ans-1", conversationId = "c", vote });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("vote", out _));
    }

    [Fact]
    public async Task MalformedFeedbackJsonIsA400()
    {
        var response = await PostRawAsync("/api/feedback", "{\"answerId\":");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, object body)
    {
        using var content = JsonContent.Create(body);
        return await _client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    // Answers are recorded beside the reply; the scripted store sees them a moment after the response.
    private async Task WaitUntilRecordedAsync(string answerId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.Services.GetRequiredService<AnswerRecorder>().WhenRecordedAsync(answerId, timeout.Token);
    }
}
