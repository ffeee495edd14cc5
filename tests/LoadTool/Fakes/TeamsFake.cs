using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.LoadTool.Fakes;

/// <summary>
/// The Bot Framework services a Teams bot talks to: the Bot Connector's OpenID metadata and JWKS (its own RSA key,
/// endorsed for "msteams"), the token endpoint for outbound calls, and the connector's conversation API under
/// <see cref="ServiceUrl"/>, recording the replies per inbound activity id. Issues channel tokens as the Bot
/// Connector does (see Bot/Teams/BotConnectorTokenValidator.cs).
/// </summary>
internal sealed partial class TeamsFake : IDisposable
{
    public const string AppId = "0c4d2f7e-1a2b-4c3d-8e9f-100ad7001001";
    public const string Kid = "loadtool-key-1";
    private const string Issuer = "https://api.botframework.com";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, TeamsReplies> _replies = new(StringComparer.Ordinal);
    private readonly Lazy<string> _token;
    private int _ids;

    public TeamsFake() => _token = new Lazy<string>(CreateToken);

    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>The activities' serviceUrl: the fake connector.</summary>
    public string ServiceUrl => BaseUrl + "/teams/connector/";

    /// <summary>A channel token for activities sent with <see cref="ServiceUrl"/>, valid for an hour.</summary>
    public string ChannelToken => _token.Value;

    public IEnumerable<KeyValuePair<string, string>> BotSettings() =>
    [
        new("Teams__AppId", AppId),
        new("Teams__AppPassword", "loadtool-secret"),
        new("Teams__OpenIdMetadataUrl", BaseUrl + "/teams/openid"),
        new("Teams__TokenEndpoint", BaseUrl + "/teams/token"),
    ];

    /// <summary>The replies to inbound activity <paramref name="activityId"/>, created empty.</summary>
    public TeamsReplies RepliesTo(string activityId) => _replies.GetOrAdd(activityId, _ => new TeamsReplies());

    public void Map(WebApplication app)
    {
        app.MapGet("/teams/openid", () => Results.Json(new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = BaseUrl + "/teams/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        app.MapGet("/teams/keys", () =>
        {
            var parameters = _rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = Kid,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["endorsements"] = new JsonArray("msteams"),
                }),
            });
        });
        app.MapPost("/teams/token", () => Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = "loadtool-connector-token",
        }));
        app.MapMethods("/teams/connector/v3/conversations/{conversation}/activities/{activityId?}", ["POST", "PUT"], ConnectorAsync);
    }

    public void Dispose() => _rsa.Dispose();

    private async Task<IResult> ConnectorAsync(HttpContext context, string conversation, string? activityId)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false) as JsonObject ?? [];
        var type = body["type"]?.GetValue<string>();
        var id = $"1900000000{Interlocked.Increment(ref _ids):D6}";
        if (context.Request.Method == "POST" && activityId is not null)
        {
            var replies = RepliesTo(Uri.UnescapeDataString(activityId));
            var answerId = AnswerIdPattern().Match(body.ToJsonString()) is { Success: true } m ? m.Groups[1].Value : null;
            lock (replies)
            {
                if (type == "typing")
                {
                    replies.Typing++;
                }
                else if (answerId is not null)
                {
                    replies.Answers++;
                    replies.AnswerId = answerId;
                    replies.ReplyActivityId = id;
                    replies.AnsweredAt ??= DateTimeOffset.UtcNow;
                }
                else
                {
                    replies.Notes++;
                    replies.AnsweredAt ??= DateTimeOffset.UtcNow;
                }
            }
        }

        return Results.Json(type == "typing" ? new JsonObject() : new JsonObject { ["id"] = id });
    }

    private string CreateToken()
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = Kid }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    // The card's 👍/👎 buttons carry {"answerId": "...", "vote": ...}: their presence marks a reply as an answer.
    [GeneratedRegex("\"answerId\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex AnswerIdPattern();
}
