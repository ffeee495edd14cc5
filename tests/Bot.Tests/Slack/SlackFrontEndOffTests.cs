using System.Net;
using Assistant.Bot.Tests.Playground;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.Slack;

/// <summary>Without Slack settings the front end is off; with half of them the host does not start.</summary>
public sealed class SlackFrontEndOffTests(PlaygroundAppFactory app) : IClassFixture<PlaygroundAppFactory>
{
    [Theory]
    [InlineData("/slack/events")]
    [InlineData("/slack/interactivity")]
    public async Task WithoutSlackSettingsTheEndpointsAre404AndThePlaygroundStillAnswers(string path)
    {
        using var client = app.CreateClient();
        var body = SlackRequests.EventCallback("Ev30", SlackRequests.AppMention("C30", "U30", "hi", "1764403000.000100"));

        var slack = await client.SendAsync(SlackRequests.Signed(path, body));
        var chat = await client.PostAsync(
            new Uri("/api/chat", UriKind.Relative),
            new StringContent("{\"conversationId\":\"c30\",\"text\":\"How do I book a flight?\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, slack.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }

    [Theory]
    [InlineData("Slack:SigningSecret", "Slack:BotToken")]
    [InlineData("Slack:BotToken", "Slack:SigningSecret")]
    public void HalfASlackConfigurationStopsTheStartWithAMessageNamingTheMissingSetting(string given, string missing)
    {
        using var half = app.WithWebHostBuilder(builder => builder.UseSetting(given, "something"));

        var error = Assert.ThrowsAny<OptionsValidationException>(() => half.CreateClient());

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnApiBaseUrlThatIsNoHttpAddressStopsTheStart()
    {
        using var bad = app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Slack:SigningSecret", "s");
            builder.UseSetting("Slack:BotToken", "xoxb-t");
            builder.UseSetting("Slack:ApiBaseUrl", "ftp://slack.example");
        });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => bad.CreateClient());

        Assert.Contains("Slack:ApiBaseUrl", error.Message, StringComparison.Ordinal);
    }
}
