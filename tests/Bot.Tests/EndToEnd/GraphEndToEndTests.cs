using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Tests.Slack;
using Assistant.Bot.Tests.Teams;
using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>
/// Relationship questions through the real engine (MiniLM, Lucene, the embedded Cypher engine) over a company graph of
/// the tests' own whose facts cite the fixture documents: /api/chat in English and Chinese, a Teams personal chat and a
/// Slack direct message each answer with the right people, vendors and owners, the table with its query, and the cited
/// sources; the playground's card is valid in the official renderer.
/// </summary>
// In the real-engine collection: each of these tests starts a host of its own (an index build, MiniLM), and running them
// beside the shared real-engine tests loaded the 2-core CI machine enough to push a route past its budget there.
[Collection(RealEngineCollection.Name)]
public sealed class GraphEndToEndTests : IAsyncLifetime
{
    private static readonly string GraphFolder = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Fixtures", "graph");
    private readonly TempFolder _index = new();
    private FakeBotFramework _teams = null!;
    private FakeSlackApi _slack = null!;
    private RealEngineApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _teams = await FakeBotFramework.StartAsync();
        _slack = await FakeSlackApi.StartAsync();
        _app = new RealEngineApp(_index.Path, new Dictionary<string, string?>
        {
            ["Graph:ImportFile"] = Path.Combine(GraphFolder, "company.cypher"),
            ["Graph:ExamplesFile"] = Path.Combine(GraphFolder, "examples.json"),
            ["Graph:Name"] = "brightwater",
            ["Playground:Enabled"] = "true",
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:OpenIdMetadataUrl"] = _teams.MetadataUrl,
            ["Teams:TokenEndpoint"] = _teams.TokenEndpoint,
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
        await _teams.DisposeAsync();
        _index.Dispose();
    }

    [Fact]
    public async Task AReportingLineQuestionInThePlaygroundAnswersFromTheGraphWithTheQueryAndAValidCard()
    {
        var (status, root) = await AskAsync("Who does the head of IT report to?");

        Assert.Equal(HttpStatusCode.OK, status);
        var text = root.GetProperty("text").GetString()!;
        Assert.StartsWith("Dana Whitfield, the Head of IT, reports to Ravi Menon, the Chief Operating Officer [1]", text, StringComparison.Ordinal);
        Assert.Equal("Queried", root.GetProperty("kind").GetString());
        var table = root.GetProperty("tables")[0];
        Assert.Contains("REPORTS_TO", table.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Equal("graph://brightwater", root.GetProperty("citations")[0].GetProperty("url").GetString());
        var card = root.GetProperty("card");
        Assert.Contains("MATCH (p:Person", card.GetRawText(), StringComparison.Ordinal); // "Show query"
        var verdict = await CardValidator.ValidateAsync(card.GetRawText());
        Assert.True(verdict.Valid && verdict.ExitCode == 0, $"The answer card is invalid:\n{verdict.RawOutput}\n{card}");
    }

    [Fact]
    public async Task AChineseVendorQuestionNamesTheVendorAndCitesTheDocumentTheFactCameFrom()
    {
        var (status, root) = await AskAsync("哪些供应商为成都办公室提供服务？");

        Assert.Equal(HttpStatusCode.OK, status);
        var text = root.GetProperty("text").GetString()!;
        Assert.Contains("Tianfu Canteen Services", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nordlys", text, StringComparison.Ordinal);
        var urls = root.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("url").GetString()).ToList();
        Assert.Equal("graph://brightwater", urls[0]);
        Assert.Contains("zh/canteen-cn.md", urls);
        var verdict = await CardValidator.ValidateAsync(root.GetProperty("card").GetRawText());
        Assert.True(verdict.Valid, verdict.RawOutput);
    }

    [Fact]
    public async Task ATeamsQuestionAboutAnOfficesVendorsGetsTheGraphAnswerInItsCard()
    {
        using var posted = TeamsActivities.Post(TeamsActivities.Message(_teams.ServiceUrl, "which vendors supply the Trondheim office?"), _teams.CreateToken());
        var response = await _client.SendAsync(posted);
        var requests = await _teams.WaitForConnectorRequestsAsync(2, TimeSpan.FromMinutes(2)); // typing, then the reply

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = requests.Single(r => r.Type == "message");
        var text = reply.Body["text"]!.GetValue<string>();
        Assert.Contains("Fjord Cycle Care", text, StringComparison.Ordinal);
        Assert.Contains("Nordlys Couriers", text, StringComparison.Ordinal);
        var card = reply.Body["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("SUPPLIES", card, StringComparison.Ordinal);
        Assert.Contains("facilities/bike-room.html", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlackQuestionAboutASystemsOwnerGetsTheOwnerAndTheCitedDocument()
    {
        const string channel = "D41GRAPH";
        var ev = SlackRequests.DirectMessage(channel, "U41ASKER", "who owns the badge system?", "1764404100.000100");

        var response = await _client.SendAsync(SlackRequests.Signed("/slack/events", SlackRequests.EventCallback("Ev41GRAPH", ev)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", channel).Count == 1, "the answer");
        var answer = _slack.CallsTo("chat.update", channel)[0];
        BlockKitLimits.AssertWithin(answer.Body!);
        Assert.Contains("Omar Haddad", answer.Str("text"), StringComparison.Ordinal);
        Assert.Contains("Security", answer.Str("text"), StringComparison.Ordinal);
        var blocks = answer.Body!.ToJsonString();
        Assert.Contains("it/badge-replacement.md", blocks, StringComparison.Ordinal);
        Assert.Contains("OWNS", blocks, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> AskAsync(string question)
    {
        using var content = JsonContent.Create(new { conversationId = "graph-e2e-" + question.Length, text = question });
        var response = await _client.PostAsync(new Uri("/api/chat", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonSerializer.Deserialize<JsonElement>(body));
    }
}
