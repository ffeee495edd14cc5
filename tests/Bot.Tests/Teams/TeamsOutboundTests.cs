using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Bot.Tests.Teams;

/// <summary>The bot's own calls: its token, and retries when the connector pushes back.</summary>
public sealed class TeamsOutboundTests
{
    [Fact]
    public async Task OneClientCredentialsTokenServesSeveralSends()
    {
        // Arrange
        await using var host = await TeamsTestHost.StartAsync();

        // Act: three questions, six connector calls
        await host.AskAsync("first");
        await host.AskAsync("second");
        await host.AskAsync("third");

        // Assert
        var request = Assert.Single(host.Fake.TokenRequests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("client_credentials", request.Parameters["grant_type"]);
        Assert.Equal(FakeBotFramework.AppId, request.Parameters["client_id"]);
        Assert.Equal("test-secret", request.Parameters["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request.Parameters["scope"]);
        Assert.All(host.Fake.ConnectorRequests, r => Assert.Equal("Bearer connector-token-1", r.Authorization));
    }

    [Fact]
    public async Task TheTokenIsRenewedShortlyBeforeItExpires()
    {
        // Arrange
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await TeamsTestHost.StartAsync(services: s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
        await host.AskAsync("first");

        // Act: 54 minutes on, the 60-minute token is still used; at 56 it is inside the 5-minute margin
        clock.Advance(TimeSpan.FromMinutes(54));
        await host.AskAsync("second");
        var afterFiftyFour = host.Fake.TokenRequests.Count;
        clock.Advance(TimeSpan.FromMinutes(2));
        var third = await host.AskAsync("third");

        // Assert
        Assert.Equal(1, afterFiftyFour);
        Assert.Equal(2, host.Fake.TokenRequests.Count);
        Assert.Equal("Bearer connector-token-2", third.Authorization);
    }

    [Fact]
    public async Task A429WithRetryAfterIsRetriedAndTheAnswerStillArrives()
    {
        // Arrange
        await using var host = await TeamsTestHost.StartAsync();
        host.Fake.FailNextConnectorCalls((429, "1"), (502, null));

        // Act
        using var response = await host.PostAsync(TeamsActivities.Message(host.Fake.ServiceUrl, "How do I book a flight?"));
        var requests = await host.Fake.WaitForConnectorRequestsAsync(4);

        // Assert: the typing call was refused twice (429, then 502) and sent again; then the reply went through
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["typing", "typing", "typing", "message"], requests.Select(r => r.Type));
        Assert.Single(host.App.Feedback.Answers);
    }

    [Fact]
    public async Task AClientErrorIsNotRetried()
    {
        // Arrange
        await using var host = await TeamsTestHost.StartAsync();
        host.Fake.FailNextConnectorCalls((403, null));

        // Act
        await host.AskAsync();

        // Assert: the refused typing call was sent once; the answer followed
        Assert.Equal(["typing", "message"], host.Fake.ConnectorRequests.Select(r => r.Type));
    }

    [Fact]
    public async Task AUserAssignedManagedIdentityGetsItsTokenFromTheManagedIdentityEndpoint()
    {
        // Arrange
        await using var host = await TeamsTestHost.StartAsync(fake => new Dictionary<string, string?>
        {
            ["Teams:AppType"] = "UserAssignedMsi",
            ["Teams:AppPassword"] = string.Empty,
            ["Teams:TokenEndpoint"] = fake.ManagedIdentityEndpoint,
        });

        // Act
        var reply = await host.AskAsync();

        // Assert
        var request = Assert.Single(host.Fake.TokenRequests);
        Assert.Equal(("GET", "true"), (request.Method, request.MetadataHeader));
        Assert.Equal(FakeBotFramework.AppId, request.Parameters["client_id"]);
        Assert.Equal("https://api.botframework.com", request.Parameters["resource"]);
        Assert.Equal("Bearer msi-token-1", reply.Authorization);
    }
}
