namespace Assistant.Bot.Tests.Slack;

/// <summary>One fake Slack Web API and one Slack-configured app for a test class; tests keep apart by channel ids of their own.</summary>
public sealed class SlackAppFixture : IAsyncLifetime
{
    internal FakeSlackApi Slack { get; private set; } = null!;

    public SlackAppFactory App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackApi.StartAsync();
        App = new SlackAppFactory(Slack.ApiBaseUrl);
        Client = App.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
