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
    private const string MileageQuestion = "How much is the mileage allowance per kilometre?";

    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task DownVotesThroughTheApiPushTheVotedSourceDownInTheNextAnswer()
    {
        var first = await AskAsync(BadgeQuestion, "asker-1");
        var retriever = fixture.App.Services.GetRequiredService<HybridRetriever>();
        var before = Documents(await retriever.RetrieveAsync(BadgeQuestion));
        var voted = first.GetProperty("citations")[0].GetProperty("url").GetString()!;
        Assert.Equal(voted, before[0]);
        var answerId = first.GetProperty("answerId").GetString()!;

        foreach (var user in new[] { "voter-1", "voter-2", "voter-3" })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await VoteAsync(answerId, user, "down", citation: null)).StatusCode);
        }

        var after = await retriever.RetrieveAsync(BadgeQuestion);
        var second = await AskAsync(BadgeQuestion, "asker-2");

        Assert.True(Documents(after).IndexOf(voted) is < 0 or > 0, $"before: {string.Join(", ", before)}; after: {string.Join(", ", Documents(after))}");
        var adjustment = after.Hits.First(h => h.Feedback is not null).Feedback!;
        Assert.True(adjustment.Multiplier < 1);
        Assert.Contains("3 voter(s)", adjustment.Reason, StringComparison.Ordinal);
        Assert.NotEqual(voted, second.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("url").GetString()).FirstOrDefault());
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
        using var response = await _client.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { conversationId = "feedback-e2e", userId = user, text = question });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> VoteAsync(string answerId, string user, string vote, int? citation) =>
        _client.PostAsJsonAsync(new Uri("/api/feedback", UriKind.Relative), new { answerId, userId = user, vote, citation });
}
