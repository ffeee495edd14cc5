using Assistant.Bot.Cards.BlockKit;
using Assistant.Bot.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Bot.Tests.Slack;

/// <summary>The Web API client against the loopback fake: what it sends, and how it retries.</summary>
public sealed class SlackApiClientTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private ServiceProvider _services = null!;
    private SlackApiClient _client = null!;

    private static SlackMessage Message => new("hello", [new SectionBlock(SlackText.Mrkdwn("hello"))]);

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _services = new ServiceCollection()
            .AddHttpClient(SlackApiClient.HttpClientName, http =>
            {
                http.BaseAddress = new Uri(_slack.ApiBaseUrl);
                http.DefaultRequestHeaders.Authorization = new("Bearer", "xoxb-unit");
            })
            .Services
            .BuildServiceProvider();
        _client = new SlackApiClient(_services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, NullLogger<SlackApiClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task PostMessageSendsJsonWithTheBearerTokenAndReturnsTheMessageTs()
    {
        var ts = await _client.PostMessageAsync("C1", "1764400000.000001", Message);

        var call = Assert.Single(_slack.Calls);
        Assert.Equal(("chat.postMessage", "Bearer xoxb-unit", "application/json; charset=utf-8"), (call.Method, call.Authorization, call.ContentType));
        Assert.Equal(("C1", "1764400000.000001", "hello"), (call.Str("channel"), call.Str("thread_ts"), call.Str("text")));
        Assert.Equal("section", call.Blocks![0]!["type"]!.GetValue<string>());
        Assert.Null(call.Body!["token"]);
        Assert.Matches(@"^\d+\.\d{6}$", ts);
    }

    [Fact]
    public async Task A429IsRetriedAfterRetryAfter()
    {
        _slack.Script("chat.postMessage", 429, "{\"ok\":false,\"error\":\"ratelimited\"}", TimeSpan.FromSeconds(1));

        await _client.PostMessageAsync("C1", null, Message);

        Assert.Equal(2, _slack.Calls.Count(c => c.Method == "chat.postMessage"));
    }

    [Fact]
    public async Task AServerErrorIsRetriedWithBackoff()
    {
        _slack.Script("chat.update", 503, "{}");
        _slack.Script("chat.update", 500, "upstream broke");

        await _client.UpdateMessageAsync("C1", "1.2", Message);

        Assert.Equal(3, _slack.Calls.Count(c => c.Method == "chat.update"));
    }

    [Fact]
    public async Task OkFalseIsAnErrorNamingSlacksErrorCodeAndIsNotRetried()
    {
        _slack.Script("chat.postMessage", 200, "{\"ok\":false,\"error\":\"channel_not_found\"}");

        var error = await Assert.ThrowsAsync<SlackApiException>(() => _client.PostMessageAsync("C404", null, Message));

        Assert.Equal(("chat.postMessage", "channel_not_found"), (error.Method, error.Error));
        Assert.Single(_slack.Calls);
    }

    [Fact]
    public async Task ARetryAfterLongerThanAMinuteFailsAtOnce()
    {
        _slack.Script("chat.postMessage", 429, "{\"ok\":false,\"error\":\"ratelimited\"}", TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<SlackApiException>(() => _client.PostMessageAsync("C1", null, Message));

        Assert.Equal("ratelimited", error.Error);
        Assert.Single(_slack.Calls);
    }

    [Fact]
    public async Task AfterFourServerErrorsTheCallFails()
    {
        for (var i = 0; i < SlackApiClient.MaxAttempts; i++)
        {
            _slack.Script("chat.postEphemeral", 502, "{}");
        }

        var error = await Assert.ThrowsAsync<SlackApiException>(() => _client.PostEphemeralAsync("C1", "U1", null, "hi"));

        Assert.Equal("http_502", error.Error);
        Assert.Equal(SlackApiClient.MaxAttempts, _slack.Calls.Count);
    }

    [Fact]
    public async Task AnHttpErrorOtherThan429Or5xxFailsWithoutRetrying()
    {
        _slack.Script("chat.update", 404, "not here");

        var error = await Assert.ThrowsAsync<SlackApiException>(() => _client.UpdateMessageAsync("C1", "1.2", Message));

        Assert.Equal("http_404", error.Error);
        Assert.Single(_slack.Calls);
    }
}
