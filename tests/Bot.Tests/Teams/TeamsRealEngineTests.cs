using System.Net;
using Assistant.Bot.Teams;
using Assistant.Bot.Tests.EndToEnd;
using Assistant.Rag.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Teams;

/// <summary>
/// Teams over the real engine (MiniLM, Lucene, SQLite feedback) and the fixture knowledge base: a personal-chat question
/// answered through the fake connector, and Teams' built-in 👍 on that reply landing in the real feedback store.
/// </summary>
public sealed class TeamsRealEngineTests : IAsyncLifetime
{
    private readonly TempFolder _index = new();
    private FakeBotFramework _fake = null!;
    private RealEngineApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _app = new RealEngineApp(_index.Path, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:OpenIdMetadataUrl"] = _fake.MetadataUrl,
            ["Teams:TokenEndpoint"] = _fake.TokenEndpoint,
        });
        _client = await _app.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _fake.DisposeAsync();
        _index.Dispose();
    }

    [Fact]
    public async Task APersonalChatQuestionGetsTheRealCitedAnswerAndTheBuiltInThumbsUpLandsInTheFeedbackStore()
    {
        // Arrange
        var message = TeamsActivities.Message(_fake.ServiceUrl, "Who can take a sabbatical?");

        // Act: the question, then Teams' own 👍 on the reply
        using var posted = TeamsActivities.Post(message, _fake.CreateToken());
        var response = await _client.SendAsync(posted);
        var requests = await _fake.WaitForConnectorRequestsAsync(2, TimeSpan.FromMinutes(2));
        var reply = requests.Single(r => r.Type == "message");
        var store = _app.Services.GetRequiredService<TeamsReplyStore>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Rag.Generation.Answer? answer;
        while ((answer = await store.FindByActivityAsync(TeamsActivities.PersonalConversation, reply.CreatedId!, wait.Token)) is null)
        {
            await Task.Delay(25, wait.Token);
        }

        using var invoke = TeamsActivities.Post(TeamsActivities.FeedbackInvoke(_fake.ServiceUrl, reply.CreatedId!, "like"), _fake.CreateToken());
        var voted = await _client.SendAsync(invoke);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("five years of continuous service", reply.Body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, voted.StatusCode);
        var vote = Assert.Single(await _app.Services.GetRequiredService<IFeedbackStore>().GetVotesAsync(answer.Id));
        Assert.Equal((TeamsActivities.UserAadId, "teams", VoteValue.Up), (vote.UserId, vote.Channel, vote.Value));
    }
}
