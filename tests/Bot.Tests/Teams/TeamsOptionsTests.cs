using Assistant.Bot.Teams;
using Microsoft.Extensions.Hosting;
using Moq;

namespace Assistant.Bot.Tests.Teams;

public sealed class TeamsOptionsTests
{
    private static readonly TeamsOptionsValidator Validator = new(Mock.Of<IHostEnvironment>(e => e.EnvironmentName == "Production"));

    [Theory]
    [InlineData("MultiTenant", "", "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")]
    [InlineData("SingleTenant", "72f988bf-86f1-41af-91ab-2d7cd011db47", "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token")]
    [InlineData("UserAssignedMsi", "", "http://169.254.169.254/metadata/identity/oauth2/token")]
    public void TheTokenEndpointFollowsFromTheAppType(string type, string tenant, string expected)
    {
        var options = new TeamsOptions { AppType = Enum.Parse<TeamsAppType>(type), TenantId = tenant };

        Assert.Equal(expected, options.ResolvedTokenEndpoint.AbsoluteUri);
    }

    [Fact]
    public void AnAbsentAppIdTurnsTeamsOffWithoutComplaint()
    {
        var result = Validator.Validate(null, new TeamsOptions());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("not-a-guid", "MultiTenant", "secret", "", "https://login.botframework.com/v1/.well-known/openidconfiguration", "Teams:AppId")]
    [InlineData("7a1e5b2c-3d4f-4a6b-9c8d-0e1f2a3b4c5d", "MultiTenant", "", "", "https://login.botframework.com/v1/.well-known/openidconfiguration", "Teams:AppPassword")]
    [InlineData("7a1e5b2c-3d4f-4a6b-9c8d-0e1f2a3b4c5d", "SingleTenant", "secret", "", "https://login.botframework.com/v1/.well-known/openidconfiguration", "Teams:TenantId")]
    [InlineData("7a1e5b2c-3d4f-4a6b-9c8d-0e1f2a3b4c5d", "UserAssignedMsi", "secret", "", "https://login.botframework.com/v1/.well-known/openidconfiguration", "Teams:AppPassword")]
    [InlineData("7a1e5b2c-3d4f-4a6b-9c8d-0e1f2a3b4c5d", "MultiTenant", "secret", "", "http://keys.example.com/openid", "Teams:OpenIdMetadataUrl")]
    public void ABadSettingIsNamed(string appId, string appType, string password, string tenant, string metadataUrl, string named)
    {
        var options = new TeamsOptions
        {
            AppId = appId,
            AppType = Enum.Parse<TeamsAppType>(appType),
            AppPassword = password,
            TenantId = tenant,
            OpenIdMetadataUrl = metadataUrl,
        };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }
}
