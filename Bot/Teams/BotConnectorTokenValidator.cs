using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.Teams;

/// <summary>
/// Validates the bearer token the Bot Connector sends with every activity, as the Bot Framework requires
/// (protocols.md A5–A7): signed with RS256/384/512 by a key of the connector's JWKS, issuer
/// https://api.botframework.com, audience our app id, lifetime with 5 minutes of skew, a <c>serviceurl</c>
/// claim equal to the activity's serviceUrl, and a signing key endorsed for the activity's channel.
/// </summary>
/// <remarks>There is no way to switch these checks off. Thread-safe.</remarks>
internal sealed class BotConnectorTokenValidator(SigningKeyCache keys, IOptions<TeamsOptions> options)
{
    /// <summary>The only issuer of channel tokens.</summary>
    public const string Issuer = "https://api.botframework.com";

    /// <summary>The clock skew allowed on nbf and exp.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Checks the Authorization header's token against the activity it came with.</summary>
    /// <exception cref="TeamsFrontEndUnavailableException">No signing keys could be obtained.</exception>
    public async Task<InboundAuthResult> ValidateAsync(string? authorization, TeamsActivity activity, CancellationToken cancellationToken)
    {
        if (!TryGetBearer(authorization, out var token))
        {
            return InboundAuthResult.Fail("no Bearer token in the Authorization header");
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return InboundAuthResult.Fail("the token is not a JWT");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return InboundAuthResult.Fail("the token names no signing key (kid)");
        }

        var keySet = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!keySet.Keys.ContainsKey(jwt.Kid))
        {
            keySet = await keys.RefreshForUnknownKeyAsync(keySet, cancellationToken).ConfigureAwait(false);
        }

        if (!keySet.Keys.TryGetValue(jwt.Kid, out var key))
        {
            return InboundAuthResult.Fail("the signing key is not in the Bot Connector's key set");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = options.Value.AppId,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
            ValidAlgorithms = Algorithms,
            IssuerSigningKey = key,
            TryAllIssuerSigningKeys = false,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return InboundAuthResult.Fail(Describe(result.Exception));
        }

        var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrEmpty(serviceUrl) || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return InboundAuthResult.Fail("the token's serviceurl claim does not match the activity's serviceUrl");
        }

        if (!keySet.Endorsements.TryGetValue(jwt.Kid, out var endorsements))
        {
            return InboundAuthResult.Fail("the signing key carries no endorsements");
        }

        // The endorsement binds the key to a channel; an activity that names none cannot be checked, so it is refused.
        if (string.IsNullOrEmpty(activity.ChannelId))
        {
            return InboundAuthResult.Fail("the activity names no channelId, so the signing key's endorsement cannot be checked");
        }

        if (!endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return InboundAuthResult.Fail("the signing key is not endorsed for the activity's channel");
        }

        return InboundAuthResult.Success;
    }

    /// <summary>Exactly "Bearer &lt;token&gt;", as the Bot Framework's extractor requires.</summary>
    private static bool TryGetBearer(string? authorization, out string token)
    {
        token = string.Empty;
        if (string.IsNullOrEmpty(authorization))
        {
            return false;
        }

        var parts = authorization.Split(' ');
        if (parts.Length != 2 || parts[0] != "Bearer" || parts[1].Length == 0)
        {
            return false;
        }

        token = parts[1];
        return true;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidAudienceException => "the token's audience is not this bot's app id",
        SecurityTokenInvalidIssuerException => "the token's issuer is not the Bot Connector",
        SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        SecurityTokenInvalidAlgorithmException => "the token is signed with an algorithm other than RS256/384/512",
        SecurityTokenNoExpirationException => "the token has no expiry",
        null => "the token did not validate",
        _ => "the token did not validate (" + exception.GetType().Name + ")",
    };
}
