using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.Tests.Teams;

/// <summary>
/// The Microsoft services a Teams bot talks to, faked at the HTTP level on a loopback port with the documented
/// payloads: the Bot Connector's OpenID metadata and JWKS (keys with endorsements), the Entra token endpoint,
/// the managed-identity endpoint, and the connector's conversation API under <see cref="ServiceUrl"/>.
/// Also signs channel tokens with its own RSA keys, as the Bot Connector would.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "7a1e5b2c-3d4f-4a6b-9c8d-0e1f2a3b4c5d";
    public const string Issuer = "https://api.botframework.com";
    public const string DefaultKid = "key-1";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (RSA Rsa, string[]? Endorsements)> _published = new();
    private readonly ConcurrentQueue<ConnectorRequest> _connector = new();
    private readonly ConcurrentQueue<TokenRequest> _tokenRequests = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _scriptedFailures = new();
    private int _metadataFetches;
    private int _activityIds;

    private FakeBotFramework(WebApplication app)
    {
        _app = app;
        Publish(DefaultKid, ["msteams"]);
    }

    /// <summary>Where the fake listens, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The activities' serviceUrl: the connector's base address, with a trailing slash as Teams sends it.</summary>
    public string ServiceUrl => BaseUrl + "/amer/";

    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public string TokenEndpoint => BaseUrl + "/oauth2/v2.0/token";

    public string ManagedIdentityEndpoint => BaseUrl + "/metadata/identity/oauth2/token";

    /// <summary>Lifetime of the access tokens handed out.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>How often the OpenID metadata was fetched.</summary>
    public int MetadataFetches => Volatile.Read(ref _metadataFetches);

    /// <summary>Every call to the conversation API, in arrival order.</summary>
    public IReadOnlyList<ConnectorRequest> ConnectorRequests => [.. _connector];

    /// <summary>Every token request, in arrival order.</summary>
    public IReadOnlyList<TokenRequest> TokenRequests => [.. _tokenRequests];

    public static async Task<FakeBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeBotFramework(app);
        fake.Map(app);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return fake;
    }

    /// <summary>Publishes (or replaces) a signing key in the JWKS; <paramref name="endorsements"/> null leaves the array out.</summary>
    public RSA Publish(string kid, string[]? endorsements)
    {
        var rsa = RSA.Create(2048);
        _published[kid] = (rsa, endorsements);
        return rsa;
    }

    /// <summary>The next connector calls fail with these statuses, in order, before calls succeed again.</summary>
    public void FailNextConnectorCalls(params (int Status, string? RetryAfter)[] failures)
    {
        foreach (var failure in failures)
        {
            _scriptedFailures.Enqueue(failure);
        }
    }

    /// <summary>A channel token as the Bot Connector issues it, signed with the published key <paramref name="kid"/> unless <paramref name="signWith"/> is given.</summary>
    public string CreateToken(
        string kid = DefaultKid,
        string audience = AppId,
        string issuer = Issuer,
        string? serviceUrl = null,
        DateTime? expires = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        RSA? signWith = null)
    {
        var rsa = signWith ?? _published[kid].Rsa;
        var exp = expires ?? DateTime.UtcNow.AddMinutes(60);
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = exp.AddMinutes(-65),
            NotBefore = exp.AddMinutes(-65),
            Expires = exp,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, algorithm),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>Waits until at least <paramref name="count"/> connector calls have arrived, then returns them all.</summary>
    public async Task<IReadOnlyList<ConnectorRequest>> WaitForConnectorRequestsAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (_connector.Count < count)
        {
            try
            {
                await Task.Delay(25, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Expected {count} calls to the fake connector, got {_connector.Count}: {string.Join(", ", _connector.Select(r => $"{r.Method} {r.RawPath}"))}");
            }
        }

        return ConnectorRequests;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var (rsa, _) in _published.Values)
        {
            rsa.Dispose();
        }
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref _metadataFetches);
            return Results.Json(new JsonObject
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = BaseUrl + "/v1/.well-known/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
        });

        app.MapGet("/v1/.well-known/keys", () =>
        {
            var keys = new JsonArray();
            foreach (var (kid, (rsa, endorsements)) in _published)
            {
                var parameters = rsa.ExportParameters(includePrivateParameters: false);
                var key = new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = kid,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                };
                if (endorsements is not null)
                {
                    key["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]);
                }

                keys.Add(key);
            }

            return Results.Json(new JsonObject { ["keys"] = keys });
        });

        app.MapPost("/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            _tokenRequests.Enqueue(new TokenRequest("POST", form.ToDictionary(f => f.Key, f => f.Value.ToString()), null));
            return Results.Json(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = TokenLifetimeSeconds,
                ["ext_expires_in"] = TokenLifetimeSeconds,
                ["access_token"] = $"connector-token-{_tokenRequests.Count}",
            });
        });

        app.MapGet("/metadata/identity/oauth2/token", (HttpRequest request) =>
        {
            _tokenRequests.Enqueue(new TokenRequest(
                "GET",
                request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                request.Headers["Metadata"].ToString()));
            return Results.Json(new JsonObject
            {
                ["access_token"] = $"msi-token-{_tokenRequests.Count}",
                ["expires_in"] = TokenLifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource"] = "https://api.botframework.com",
                ["token_type"] = "Bearer",
            });
        });

        app.MapMethods("/amer/v3/conversations/{**rest}", ["POST", "PUT"], async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var failed = _scriptedFailures.TryDequeue(out var failure);
            var id = failed || body["type"]?.GetValue<string>() == "typing" || context.Request.Method == "PUT"
                ? null
                : $"1700000000{Interlocked.Increment(ref _activityIds):D3}";
            _connector.Enqueue(new ConnectorRequest(
                context.Request.Method,
                context.Features.Get<IHttpRequestFeature>()!.RawTarget,
                context.Request.Headers.Authorization.ToString(),
                context.Request.ContentType ?? string.Empty,
                body,
                id));
            if (failed)
            {
                if (failure.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = failure.RetryAfter;
                }

                return Results.StatusCode(failure.Status);
            }

            return Results.Json(id is null ? new JsonObject() : new JsonObject { ["id"] = id });
        });
    }

    /// <summary>One call to the conversation API, and the activity id the fake answered with (null for none).</summary>
    public sealed record ConnectorRequest(string Method, string RawPath, string Authorization, string ContentType, JsonObject Body, string? CreatedId)
    {
        public string? Type => Body["type"]?.GetValue<string>();
    }

    /// <summary>One token request: the form (client credentials) or query (managed identity), and the Metadata header.</summary>
    public sealed record TokenRequest(string Method, IReadOnlyDictionary<string, string> Parameters, string? MetadataHeader);
}
