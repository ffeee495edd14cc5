using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Feedback;
using Assistant.Rag.Indexes;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>/api/chat and /api/feedback through the real engine over the fixture knowledge base.</summary>
[Collection(RealEngineCollection.Name)]
public sealed class ChatEndToEndTests(RealEngineFixture fixture)
{
    private const string SabbaticalQuestion = "Who can take a sabbatical?";

    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public void ReadyzIs503WhileTheIndexIsBuiltAndTurns200WithEveryFixtureDocumentIndexed()
    {
        // Embedding the fixture takes seconds (loading MiniLM alone takes one), the first poll milliseconds.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, fixture.ReadinessWhileStarting[0]);
        Assert.Equal(HttpStatusCode.OK, fixture.ReadinessWhileStarting[^1]);
        Assert.All(fixture.ReadinessWhileStarting.SkipLast(1), s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        Assert.Equal(HttpStatusCode.OK, fixture.HealthWhileStarting);
        var fixtureFiles = Directory.GetFiles(RealEngineApp.KnowledgeBase, "*", SearchOption.AllDirectories).Length;
        Assert.Equal(fixtureFiles, fixture.App.Services.GetRequiredService<KnowledgeIndex>().Catalog.Count().Documents);
    }

    [Fact]
    public async Task QuestionAnsweredByAFixtureDocumentGetsACitedAnswerAndAValidCard()
    {
        var (status, root) = await AskAsync(SabbaticalQuestion);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("answerId").GetString()));
        var text = root.GetProperty("text").GetString()!;
        Assert.Contains("[1]", text, StringComparison.Ordinal);
        Assert.Contains("five years of continuous service", text, StringComparison.Ordinal);
        Assert.Equal("Extractive", root.GetProperty("kind").GetString());
        var citation = root.GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("n").GetInt32());
        Assert.Equal("Sabbatical leave", citation.GetProperty("title").GetString());
        Assert.Equal("people/sabbatical.md", citation.GetProperty("url").GetString());
        Assert.Contains("five years", citation.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        var routes = root.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("vector", routes);
        Assert.Contains("keyword", routes);
        Assert.All(root.GetProperty("routes").EnumerateArray(), r => Assert.NotEqual("default", r.GetProperty("reason").GetString())); // the router chose them

        var card = root.GetProperty("card");
        Assert.Contains("five years of continuous service", CardText(card), StringComparison.Ordinal);
        var verdict = await CardValidator.ValidateAsync(card.GetRawText());
        Assert.True(verdict.Valid && verdict.ExitCode == 0, $"The answer card is invalid:\n{verdict.RawOutput}\n{card}");
    }

    [Fact]
    public async Task AVoteLandsInTheRealFeedbackStoreAndASecondVoteReplacesTheFirst()
    {
        var (_, answer) = await AskAsync("How much is the mileage allowance per kilometre?");
        var answerId = answer.GetProperty("answerId").GetString()!;
        var store = fixture.App.Services.GetRequiredService<IFeedbackStore>();

        var first = await PostJsonAsync("/api/feedback", new { answerId, conversationId = "e2e-conversation", vote = "up" });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var vote = Assert.Single(await store.GetVotesAsync(answerId));
        Assert.Equal(("playground", VoteValue.Up), (vote.Channel, vote.Value));

        var second = await PostJsonAsync("/api/feedback", new { answerId, conversationId = "e2e-conversation", vote = "down" });

        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        vote = Assert.Single(await store.GetVotesAsync(answerId));
        Assert.Equal(VoteValue.Down, vote.Value);
    }

    [Fact]
    public async Task FeedbackOnAnAnswerTheServerNeverGaveIs404()
    {
        var response = await PostJsonAsync("/api/feedback", new { answerId = "0196a1b2c3d4e5f60718293a4b5c6d7e", conversationId = "e2e-conversation", vote = "up" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BodyOfAMegabyteIsRefusedWith413()
    {
        var response = await PostMegabyteAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BodyBetween64KilobytesAndTheServerLimitIsRefusedWith413AndTheConnectionStaysUsable()
    {
        var response = await PostJsonAsync("/api/chat", new { conversationId = "e2e", text = new string('a', 200 * 1024) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task MalformedJsonIs400()
    {
        using var content = new StringContent("{\"conversationId\": \"e2e\", \"text\": \"Who can", Encoding.UTF8, "application/json");

        var response = await _client.PostAsync(new Uri("/api/chat", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BinaryQuestionGetsAClearMessageAndNoCitations()
    {
        var (status, root) = await AskAsync("\u0001\u0002\u0003\u0000\u007f\u0004PK\u0003\u0004\u0014\u0000\u0006\u0000");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("doesn't look like text", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Rejected", root.GetProperty("kind").GetString());
        Assert.Empty(root.GetProperty("citations").EnumerateArray());
        Assert.DoesNotContain("couldn't find", CardText(root.GetProperty("card")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnrelatedQuestionSaysItCouldNotFindAnAnswerAndCitesNothing()
    {
        var (status, root) = await AskAsync("Who won the football world cup in 1954?");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("couldn't find", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("NoEvidence", root.GetProperty("kind").GetString());
        Assert.Empty(root.GetProperty("citations").EnumerateArray());
    }

    [Fact]
    public async Task AfterBadInputTheServerStillAnswersAGoodQuestion()
    {
        await PostMegabyteAsync();
        using (var malformed = new StringContent("{\"text\":", Encoding.UTF8, "application/json"))
        {
            await _client.PostAsync(new Uri("/api/chat", UriKind.Relative), malformed);
        }

        await AskAsync("\u0000\u0001\u0002");
        await AskAsync("Who won the football world cup in 1954?");

        var (status, root) = await AskAsync("What should I do if I lose my access badge?");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("it/badge-replacement.md", root.GetProperty("citations")[0].GetProperty("url").GetString());
        Assert.Contains("[1]", root.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChineseQuestionGetsAChineseAnswerCitingTheChineseDocument()
    {
        var (status, root) = await AskAsync("成都食堂的午餐供应时间是几点？");

        Assert.Equal(HttpStatusCode.OK, status);
        var text = root.GetProperty("text").GetString()!;
        Assert.Contains("11:30", text, StringComparison.Ordinal);
        Assert.Contains("午餐", text, StringComparison.Ordinal);
        Assert.Contains("[1]", text, StringComparison.Ordinal);
        var citation = root.GetProperty("citations")[0];
        Assert.Equal(("成都办公室员工食堂", "zh/canteen-cn.md"), (citation.GetProperty("title").GetString(), citation.GetProperty("url").GetString()));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> AskAsync(string question)
    {
        var response = await PostJsonAsync("/api/chat", new { conversationId = "e2e-conversation", text = question });
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonSerializer.Deserialize<JsonElement>(body));
    }

    // Over Kestrel's 1 MB limit the server answers 413 without reading the body and then resets the connection,
    // so a client still sending sees a broken pipe instead of the answer. Clients that upload big bodies ask first
    // with "Expect: 100-continue"; the server's 413 then arrives before a byte of the body is sent.
    private async Task<HttpResponseMessage> PostMegabyteAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat")
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { conversationId = "e2e", text = new string('a', (1024 * 1024) + 1) }),
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.ExpectContinue = true;
        return await _client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, object body)
    {
        using var content = JsonContent.Create(body);
        return await _client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    // The text of every TextBlock in the card, wherever it is nested.
    private static string CardText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => string.Join('\n', element.EnumerateObject().Select(p =>
            p.Name == "text" && p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : CardText(p.Value))),
        JsonValueKind.Array => string.Join('\n', element.EnumerateArray().Select(CardText)),
        _ => string.Empty,
    };
}
