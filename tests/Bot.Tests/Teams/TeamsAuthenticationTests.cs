using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.Tests.Teams;

/// <summary>Inbound token validation as the Bot Connector requires it: anything but a valid token is 401 and nothing happens.</summary>
public sealed class TeamsAuthenticationTests : IAsyncLifetime
{
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("forged signature")]
    [InlineData("expired")]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    [InlineData("wrong serviceUrl")]
    [InlineData("key endorsed for another channel")]
    [InlineData("key without endorsements")]
    [InlineData("PS256 instead of RS256")]
    [InlineData("not a JWT")]
    public async Task ABadTokenIsRefusedWith401AndTheMessageIsNotProcessed(string defect)
    {
        // Arrange
        var fake = _host.Fake;
        string token;
        switch (defect)
        {
            case "forged signature":
                using (var forger = RSA.Create(2048))
                {
                    token = fake.CreateToken(signWith: forger);
                }

                break;
            case "expired":
                token = fake.CreateToken(expires: DateTime.UtcNow.AddMinutes(-6));
                break;
            case "wrong audience":
                token = fake.CreateToken(audience: "11111111-2222-3333-4444-555555555555");
                break;
            case "wrong issuer":
                token = fake.CreateToken(issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/");
                break;
            case "wrong serviceUrl":
                token = fake.CreateToken(serviceUrl: "https://smba.trafficmanager.net/amer/");
                break;
            case "key endorsed for another channel":
                fake.Publish("key-slack", ["slack", "webchat"]);
                token = fake.CreateToken(kid: "key-slack");
                break;
            case "key without endorsements":
                fake.Publish("key-bare", null);
                token = fake.CreateToken(kid: "key-bare");
                break;
            case "PS256 instead of RS256":
                token = fake.CreateToken(algorithm: SecurityAlgorithms.RsaSsaPssSha256);
                break;
            default:
                token = "not.a.jwt";
                break;
        }

        // Act
        using var response = await _host.PostAsync(TeamsActivities.Message(fake.ServiceUrl, "How do I book a flight?"), token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("flight", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_host.App.Assistant.Turns);
        Assert.Empty(fake.ConnectorRequests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("bearer-less")]
    public async Task ARequestWithoutABearerTokenIsRefusedWith401(string? header)
    {
        // Arrange
        using var request = TeamsActivities.Post(TeamsActivities.Message(_host.Fake.ServiceUrl, "hello"), token: null);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header == "bearer-less" ? _host.Fake.CreateToken() : header);
        }

        // Act
        using var response = await _host.Client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.App.Assistant.Turns);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha256)]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task TokensSignedWithRs256Rs384OrRs512AreAccepted(string algorithm)
    {
        // Act
        using var response = await _host.PostAsync(
            TeamsActivities.Message(_host.Fake.ServiceUrl, "How do I book a flight?"),
            _host.Fake.CreateToken(algorithm: algorithm));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ATokenExpiredWithinTheFiveMinuteClockSkewIsStillAccepted()
    {
        // Act
        using var response = await _host.PostAsync(
            TeamsActivities.Message(_host.Fake.ServiceUrl, "How do I book a flight?"),
            _host.Fake.CreateToken(expires: DateTime.UtcNow.AddMinutes(-3)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AServiceUrlClaimDifferingOnlyInCaseIsAccepted()
    {
        // Arrange: the Bot Framework compares the claim with the activity's serviceUrl case-insensitively
        var token = _host.Fake.CreateToken(serviceUrl: _host.Fake.ServiceUrl.ToUpperInvariant());

        // Act
        using var response = await _host.PostAsync(TeamsActivities.Message(_host.Fake.ServiceUrl, "How do I book a flight?"), token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownKeyIdFetchesTheMetadataOnceMoreAndThenTrustsTheRotatedKey()
    {
        // Arrange: the first request caches the key set with key-1 only
        using (var first = await _host.PostAsync(TeamsActivities.Message(_host.Fake.ServiceUrl, "first")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        Assert.Equal(1, _host.Fake.MetadataFetches);
        _host.Fake.Publish("key-2", ["msteams"]);

        // Act: a token signed with the rotated key, then one naming a key that does not exist
        using var rotated = await _host.PostAsync(TeamsActivities.Message(_host.Fake.ServiceUrl, "second"), _host.Fake.CreateToken(kid: "key-2"));
        using var forged = RSA.Create(2048);
        using var unknown = await _host.PostAsync(
            TeamsActivities.Message(_host.Fake.ServiceUrl, "third"),
            _host.Fake.CreateToken(kid: "key-nobody-published", signWith: forged));

        // Assert: one refresh for the rotation; the bogus kid does not buy another fetch within the cooldown
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(2, _host.Fake.MetadataFetches);
    }

    [Fact]
    public async Task WhenTheSigningKeysCannotBeFetchedTheRequestGets503AndIsNotProcessed()
    {
        // Arrange
        await using var host = await TeamsTestHost.StartAsync(fake => new Dictionary<string, string?>
        {
            ["Teams:OpenIdMetadataUrl"] = fake.BaseUrl + "/no-such-metadata",
        });

        // Act
        using var response = await host.PostAsync(TeamsActivities.Message(host.Fake.ServiceUrl, "How do I book a flight?"));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter is not null);
        Assert.Empty(host.App.Assistant.Turns);
    }
}
