using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Teams;

/// <summary>
/// The bearer token the bot sends to the Bot Connector: client credentials from the botframework.com tenant
/// (MultiTenant) or the app's own tenant (SingleTenant), or a managed-identity token (UserAssignedMsi), for the
/// https://api.botframework.com audience. Cached until <see cref="RenewBefore"/> ahead of its expiry.
/// </summary>
/// <remarks>Thread-safe; concurrent callers share one request.</remarks>
internal sealed class BotTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<BotTokenProvider> logger)
{
    /// <summary>The named HttpClient tokens are fetched with.</summary>
    public const string HttpClientName = "Teams.Token";

    /// <summary>The audience of Bot Connector tokens.</summary>
    public const string Resource = "https://api.botframework.com";

    /// <summary>A token is renewed this long before it expires.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    /// <summary>A valid access token.</summary>
    /// <exception cref="TeamsFrontEndUnavailableException">The token endpoint refused or could not be reached.</exception>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && timeProvider.GetUtcNow() < hit.RenewAt)
        {
            return hit.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && timeProvider.GetUtcNow() < again.RenewAt)
            {
                return again.Token;
            }

            var (token, lifetime) = await RequestAsync(cancellationToken).ConfigureAwait(false);

            // A short-lived token is renewed at half its life rather than never being cached.
            var margin = lifetime > RenewBefore * 2 ? RenewBefore : lifetime / 2;
            _cached = (token, timeProvider.GetUtcNow() + lifetime - margin);
            logger.TokenAcquired(options.Value.AppType, (int)lifetime.TotalSeconds);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = settings.ResolvedTokenEndpoint;
        using var request = settings.AppType == TeamsAppType.UserAssignedMsi
            ? ManagedIdentityRequest(endpoint, settings.AppId)
            : ClientCredentialsRequest(endpoint, settings.AppId, settings.AppPassword);

        var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.TokenRequestFailed(endpoint.Host, 0);
            throw new TeamsFrontEndUnavailableException($"The token endpoint {endpoint.Host} could not be reached.", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // The error body can name the app and tenant, so only the status is logged.
                logger.TokenRequestFailed(endpoint.Host, (int)response.StatusCode);
                throw new TeamsFrontEndUnavailableException($"The token endpoint {endpoint.Host} answered {(int)response.StatusCode}.");
            }

            try
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                var root = body.RootElement;
                var token = root.GetProperty("access_token").GetString();
                if (string.IsNullOrEmpty(token))
                {
                    throw new TeamsFrontEndUnavailableException($"The token endpoint {endpoint.Host} returned no access_token.");
                }

                return (token, Lifetime(root));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                logger.TokenRequestFailed(endpoint.Host, (int)response.StatusCode);
                throw new TeamsFrontEndUnavailableException($"The token endpoint {endpoint.Host} returned an unreadable response.", e);
            }
        }
    }

    private static HttpRequestMessage ClientCredentialsRequest(Uri endpoint, string appId, string secret) => new(HttpMethod.Post, endpoint)
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = appId,
            ["client_secret"] = secret,
            ["scope"] = Resource + "/.default",
        }),
    };

    // The Azure Instance Metadata Service's managed-identity protocol: GET with the resource and the identity's client id.
    private static HttpRequestMessage ManagedIdentityRequest(Uri endpoint, string clientId)
    {
        var query = $"api-version=2018-02-01&resource={Uri.EscapeDataString(Resource)}&client_id={Uri.EscapeDataString(clientId)}";
        var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(endpoint) { Query = query }.Uri);
        request.Headers.Add("Metadata", "true");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    // Entra sends expires_in as a number, the metadata service as a string.
    private static TimeSpan Lifetime(JsonElement root)
    {
        if (root.TryGetProperty("expires_in", out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (value.ValueKind == JsonValueKind.String
                && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        throw new InvalidOperationException("The token response has no usable expires_in.");
    }
}
