using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>
/// Votes through /api/feedback change the next answer's ranking, through the real engine and store over the fixture
/// knowledge base. A fixture of its own: the votes here must not move the rankings other end-to-end tests assert.
/// </summary>
public sealed class FeedbackLearningEndToEndTests(RealEngineFixture fixture) : IClassFixture<RealEngineFixture>
{
    private const string BadgeQuestion = "Which doors does my staff badge open?";
    private const string TwoSourceQuestion = "Where do I report a lost badge and a broken bike rack?";
    private const string MileageQuestion = "How much is the mileage allowance per kilometre?";

    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task AnUpVoteOnTheLowerRankedSourceThroughTheApiPutsItFirstInTheNextAnswer()
    {
        var first = await AskAsync(TwoSourceQuestion, "asker-1");
        var cited = first.GetProperty("citations").EnumerateArray().ToDictionary(c => c.GetProperty("url").GetString()!, c => c.GetProperty("n").GetInt32());
        Assert.True(cited.Count >= 2, $"The question should cite two sources to choose between: {first}");
        var retriever = fixture.App.Services.GetRequiredService<HybridRetriever>();
        var before = Documents(await retriever.RetrieveAsync(TwoSourceQuestion)).Where(cited.ContainsKey).ToList();
        var (leader, runnerUp) = (before[0], before[1]);

        var vote = await VoteAsync(first.GetProperty("answerId").GetString()!, "voter-1", "up", cited[runnerUp]);
        var after = Documents(await retriever.RetrieveAsync(TwoSourceQuestion));

        Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        Assert.True(after.IndexOf(runnerUp) < after.IndexOf(leader), $"before: {string.Join(", ", before)}; after: {string.Join(", ", after)}");
    }

    [Fact]
    public async Task TheNextAnswerShowsPerCitationWhatTheVotesChangedAndWhy()
    {
        var first = await AskAsync(MileageQuestion, "asker-4");
        var citation = first.GetProperty("citations")[0];
        Assert.Equal(JsonValueKind.Null, citation.GetProperty("feedback").ValueKind);

        var vote = await VoteAsync(first.GetProperty("answerId").GetString()!, "voter-4", "up", citation.GetProperty("n").GetInt32());
        var second = await AskAsync(MileageQuestion, "asker-5");

        Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        var again = second.GetProperty("citations").EnumerateArray().Single(c => c.GetProperty("url").GetString() == citation.GetProperty("url").GetString());
        var feedback = again.GetProperty("feedback");
        Assert.True(feedback.GetProperty("multiplier").GetDouble() > 1);
        Assert.True(feedback.GetProperty("memory").GetDouble() > 1);
        Assert.Contains("memory", feedback.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("prior", feedback.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVoteOnACitationTheAnswerDoesNotHaveIs404AndACitationBelowOneIs400()
    {
        var answer = await AskAsync(BadgeQuestion, "asker-3");
        var answerId = answer.GetProperty("answerId").GetString()!;

        var missing = await VoteAsync(answerId, "voter-2", "up", 99);
        var invalid = await VoteAsync(answerId, "voter-2", "up", 0);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("citation", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    // The documents of the passages, best first, by URL (what the citations show).
    private static List<string> Documents(RetrievalResult result) => [.. result.Passages.Select(p => p.Url).Distinct()];

    private async Task<JsonElement> AskAsync(string question, string user)
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { conversationId = "feedback-e2e", text = question });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> VoteAsync(string answerId, string user, string vote, int? citation) =>
        _client.PostAsJsonAsync(new Uri("/api/feedback", UriKind.Relative), new { answerId, conversationId = "feedback-e2e", vote, citation });
}
