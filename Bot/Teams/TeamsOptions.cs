namespace Assistant.Bot.Teams;

/// <summary>The Teams front end's settings (section "Teams"). Without an <see cref="AppId"/> the front end is off.</summary>
internal sealed class TeamsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Teams";

    /// <summary>Where the Bot Connector publishes its OpenID metadata (and through it the signing keys).</summary>
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The Azure Bot's Microsoft App Id (for a managed identity, its client id); empty turns Teams off.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The app registration's client secret; empty for <see cref="TeamsAppType.UserAssignedMsi"/>.</summary>
    public string AppPassword { get; set; } = string.Empty;

    /// <summary>How outbound tokens are obtained.</summary>
    public TeamsAppType AppType { get; set; } = TeamsAppType.MultiTenant;

    /// <summary>The Entra tenant of a single-tenant app.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The OpenID metadata document inbound tokens are checked against.</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Where outbound tokens come from; empty means the endpoint that follows from <see cref="AppType"/>.</summary>
    public string TokenEndpoint { get; set; } = string.Empty;

    /// <summary>
    /// Lets the Microsoft 365 Agents Playground (or another local emulator) in without tokens; honoured only in the
    /// Development environment with <see cref="AppId"/> empty (see <see cref="TeamsLocalEmulator"/>).
    /// </summary>
    public bool AllowLocalEmulator { get; set; }

    /// <summary>True when the front end is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>The token endpoint in force: <see cref="TokenEndpoint"/> or the one derived from the app type.</summary>
    public Uri ResolvedTokenEndpoint => new(string.IsNullOrWhiteSpace(TokenEndpoint)
        ? AppType switch
        {
            TeamsAppType.SingleTenant => $"https://login.microsoftonline.com/{Uri.EscapeDataString(TenantId)}/oauth2/v2.0/token",

            // Azure Instance Metadata Service: what a VM, scale set or AKS node answers managed-identity requests on.
            TeamsAppType.UserAssignedMsi => "http://169.254.169.254/metadata/identity/oauth2/token",
            _ => "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token",
        }
        : TokenEndpoint);
}
