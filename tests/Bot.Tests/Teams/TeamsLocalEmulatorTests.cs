using System.Net;
using Assistant.Bot.Teams;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Teams;

/// <summary>
/// Teams local mode for the Microsoft 365 Agents Playground: on only in Development with no app id and
/// Teams:AllowLocalEmulator, and then only from this machine to this machine. Everywhere else tokens stay required.
/// </summary>
public sealed class TeamsLocalEmulatorTests
{
    [Fact]
    public async Task InLocalModeAnUnauthenticatedLoopbackActivityIsAnsweredWithoutAnyToken()
    {
        // Arrange
        await using var host = await StartAsync("Development", appId: string.Empty, IPAddress.Loopback);

        // Act
        using var response = await host.Client.SendAsync(TeamsActivities.Post(TeamsActivities.Message(host.Fake.ServiceUrl, "How do I book a flight?"), token: null));
        var requests = await host.Fake.WaitForConnectorRequestsAsync(2);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(requests, r => r.Type == "typing");
        Assert.Contains(requests, r => r.Type == "message");
        Assert.All(requests, r => Assert.Equal(string.Empty, r.Authorization));
        Assert.Empty(host.Fake.TokenRequests);
    }

    [Fact]
    public async Task InLocalModeTheAgentsPlaygroundsHeadCheckIsAnswered()
    {
        // Arrange
        await using var host = await StartAsync("Development", appId: string.Empty, IPAddress.Loopback);

        // Act
        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/messages"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProductionRefusesAnUnauthenticatedActivityEvenWithTheSettingOn()
    {
        // Arrange: with an app id (Teams on) and without one (Teams off)
        await using var configured = await StartAsync("Production", appId: FakeBotFramework.AppId, IPAddress.Loopback);
        await using var unconfigured = await StartAsync("Production", appId: string.Empty, IPAddress.Loopback);

        // Act
        using var toConfigured = await configured.Client.SendAsync(TeamsActivities.Post(TeamsActivities.Message(configured.Fake.ServiceUrl, "hi"), token: null));
        using var toUnconfigured = await unconfigured.Client.SendAsync(TeamsActivities.Post(TeamsActivities.Message(unconfigured.Fake.ServiceUrl, "hi"), token: null));
        await Task.Delay(200); // nothing may arrive; give a wrongly accepted message the time to be sent

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, toConfigured.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, toUnconfigured.StatusCode);
        Assert.Empty(configured.Fake.ConnectorRequests);
        Assert.Empty(unconfigured.Fake.ConnectorRequests);
    }

    [Fact]
    public async Task DevelopmentWithAnAppIdStillRequiresAValidToken()
    {
        // Arrange
        await using var host = await StartAsync("Development", appId: FakeBotFramework.AppId, IPAddress.Loopback);

        // Act
        using var withoutToken = await host.Client.SendAsync(TeamsActivities.Post(TeamsActivities.Message(host.Fake.ServiceUrl, "hi"), token: null));
        using var withBadToken = await host.Client.SendAsync(TeamsActivities.Post(TeamsActivities.Message(host.Fake.ServiceUrl, "hi"), token: "not-a-jwt"));
        using var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/messages"));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withBadToken.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(host.Fake.ConnectorRequests);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("http://192.168.1.20:56150/_connector")]
    [InlineData("http://localhost.attacker.example/_connector")]
    [InlineData("not a url")]
    public async Task InLocalModeANonLoopbackServiceUrlIsRefused(string serviceUrl)
    {
        // Arrange
        await using var host = await StartAsync("Development", appId: string.Empty, IPAddress.Loopback);

        // Act
        using var response = await host.Client.SendAsync(TeamsActivities.Post(TeamsActivities.Message(serviceUrl, "hi"), token: null));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Fake.ConnectorRequests);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("2001:db8::1")]
    [InlineData(null)]
    public async Task InLocalModeACallerNotOnThisMachineIsRefused(string? caller)
    {
        // Arrange
        await using var host = await StartAsync("Development", appId: string.Empty, caller is null ? null : IPAddress.Parse(caller));

        // Act
        using var response = await host.Client.SendAsync(TeamsActivities.Post(TeamsActivities.Message(host.Fake.ServiceUrl, "hi"), token: null));
        await Task.Delay(200);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Fake.ConnectorRequests);
    }

    [Theory]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://127.0.0.1:56150/_connector", true)]
    [InlineData("http://[::1]:56150/_connector", true)]
    [InlineData("https://LOCALHOST/", true)]
    [InlineData("http://user@localhost/", false)]
    [InlineData("ftp://localhost/", false)]
    [InlineData("http://127.0.0.1.nip.io/", false)]
    [InlineData("http://10.0.0.1/", false)]
    public void LoopbackServiceUrlsAreTheLocalMachinesOnly(string url, bool loopback) =>
        Assert.Equal(loopback, TeamsLocalEmulator.IsLoopbackServiceUrl(url));

    private static Task<TeamsTestHost> StartAsync(string environment, string appId, IPAddress? caller) =>
        TeamsTestHost.StartAsync(
            _ => new Dictionary<string, string?>
            {
                ["environment"] = environment,
                ["Teams:AppId"] = appId,
                ["Teams:AllowLocalEmulator"] = "true",
            },
            services =>
            {
                if (caller is not null)
                {
                    services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(caller));
                }
            });
}
