using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Slack;
using Assistant.Bot.Tests.Teams;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>
/// Questions about company records over the real host with no configuration but the channels' (the embedded sample
/// database, real MiniLM, the real router): in English and Chinese, through /api/chat, Teams and Slack, each answered with
/// the number the database holds, the table (a card the official renderer accepts) and the SQL; agreeing votes in Slack
/// teach the route.
/// </summary>
// In the real-engine collection: each of these tests starts a host of its own (an index build, MiniLM), and running them
// beside the shared real-engine tests loaded the 2-core CI machine enough to push a route past its budget there.
[Collection(RealEngineCollection.Name)]
public sealed class SqlAnswersEndToEndTests : IAsyncLifetime
{
    private const string NetworkP1 = "How many open P1 tickets does the Network team have?";
    private const string NetworkP1Truth = "SELECT count(*) FROM tickets t JOIN teams m ON t.team_id = m.team_id WHERE m.name = 'Network' AND t.status = 'open' AND t.priority = 'P1'";
    private const string BerlinStaff = "柏林办公室有多少员工？";
    private const string BerlinStaffTruth = "SELECT count(*) FROM employees e JOIN offices o ON e.office_id = o.office_id WHERE o.city = 'Berlin'";

    private const string SlackChannel = "C40DATA";
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
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
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:OpenIdMetadataUrl"] = _teams.MetadataUrl,
            ["Teams:TokenEndpoint"] = _teams.TokenEndpoint,
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = SlackAppFactory.BotToken,
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
            ["Playground:Enabled"] = "true",
        });
        _client = await _app.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _index.Dispose();
    }

    [Theory]
    [InlineData(NetworkP1, NetworkP1Truth, "'Network'")]
    [InlineData(BerlinStaff, BerlinStaffTruth, "'Berlin'")]
    public async Task ThePlaygroundApiAnswersWithTheNumberTheTableAValidCardAndTheQuery(string question, string truth, string literal)
    {
        using var content = JsonContent.Create(new { conversationId = "sql-e2e", text = question });
        var response = await _client.PostAsync(new Uri("/api/chat", UriKind.Relative), content);
        var root = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Queried", root.GetProperty("kind").GetString());
        var expected = Scalar(truth);
        var table = root.GetProperty("tables")[0];
        Assert.Equal(expected, table.GetProperty("rows")[0][0].GetInt64());
        Assert.Contains(literal, table.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Contains(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("fernhill", root.GetProperty("citations")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        var card = root.GetProperty("card").GetRawText();
        Assert.Contains("\"type\":\"Table\"", card, StringComparison.Ordinal);
        Assert.Contains(literal, card, StringComparison.Ordinal);
        var verdict = await CardValidator.ValidateAsync(card);
        Assert.True(verdict.Valid && verdict.ExitCode == 0, $"The table card is invalid:\n{verdict.RawOutput}\n{card}");
    }

    [Theory]
    [InlineData(NetworkP1, NetworkP1Truth, "m.name = 'Network'")]
    [InlineData(BerlinStaff, BerlinStaffTruth, "o.city = 'Berlin'")]
    public async Task ATeamsQuestionGetsATableCardWithTheNumberAndTheQuery(string question, string truth, string literal)
    {
        using var posted = TeamsActivities.Post(TeamsActivities.Message(_teams.ServiceUrl, question), _teams.CreateToken());
        var response = await _client.SendAsync(posted);
        var requests = await _teams.WaitForConnectorRequestsAsync(2, TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = requests.Single(r => r.Type == "message");
        var card = reply.Body["attachments"]![0]!["content"]!.ToJsonString(Unescaped);
        Assert.Contains("\"type\":\"Table\"", card, StringComparison.Ordinal);
        // The table's one cell holds the count the database holds.
        Assert.Contains($"\"text\":\"{Scalar(truth).ToString(System.Globalization.CultureInfo.InvariantCulture)}\"", card, StringComparison.Ordinal);
        Assert.Contains(literal, card, StringComparison.Ordinal);
        var verdict = await CardValidator.ValidateAsync(card);
        Assert.True(verdict.Valid && verdict.ExitCode == 0, $"The Teams table card is invalid:\n{verdict.RawOutput}\n{card}");
    }

    [Theory]
    [InlineData(NetworkP1, NetworkP1Truth, "m.name = 'Network'")]
    [InlineData(BerlinStaff, BerlinStaffTruth, "o.city = 'Berlin'")]
    public async Task ASlackMentionGetsTheNumberTheGridAndTheQuery(string question, string truth, string literal)
    {
        var (answer, _) = await AskInSlackAsync(question);

        Assert.Contains(Scalar(truth).ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Str("text"), StringComparison.Ordinal);
        Assert.Contains(literal, answer.Blocks!.ToJsonString(Unescaped), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeAgreeingSlackVotesOnATableAnswerTeachTheRoute()
    {
        var (answer, answerId) = await AskInSlackAsync(BerlinStaff);
        var route = _app.Services.GetRequiredService<SqlRoute>();
        Assert.Empty(route.LearnedExamples);

        foreach (var voter in new[] { "U40ANA", "U40BEN", "U40CHEN" })
        {
            var form = SlackRequests.BlockActions(voter, SlackChannel, answer.Str("ts")!, answer.Blocks!, answer.Str("text")!, "feedback_up", answerId);
            Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(SlackRequests.Signed("/slack/interactivity", form, "application/x-www-form-urlencoded"))).StatusCode);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (route.LearnedExamples.Count == 0)
        {
            await Task.Delay(50, wait.Token);
        }

        var learned = Assert.Single(route.LearnedExamples);
        Assert.Equal(("fernhill", BerlinStaff), (learned.Database, learned.Question));
        Assert.Contains("'Berlin'", learned.Query, StringComparison.Ordinal);
    }

    private async Task<(SlackCall Answer, string AnswerId)> AskInSlackAsync(string question)
    {
        var ev = SlackRequests.AppMention(SlackChannel, "U40ASKER", $"<@{FakeSlackApi.BotUserId}> {question}", "1764405000.000100");
        var response = await _client.SendAsync(SlackRequests.Signed("/slack/events", SlackRequests.EventCallback("Ev40SQL", ev)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _slack.WaitForAsync(_ => _slack.CallsTo("chat.update", SlackChannel).Count == 1, "the answer");
        var answer = _slack.CallsTo("chat.update", SlackChannel)[0];
        BlockKitLimits.AssertWithin(answer.Body!);
        var answerId = answer.Blocks!.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["value"]!.GetValue<string>();
        return (answer, answerId);
    }

    private long Scalar(string sql) => SampleSql.Scalar(_index.Path, sql);
}
