using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.Teams;

/// <summary>
/// The Bot Connector's OpenID metadata and signing keys (JWKS with endorsements), fetched through
/// <see cref="IHttpClientFactory"/>, cached for <see cref="RefreshInterval"/> and fetched again once when a token
/// names a key id the cache does not know (keys rotate), at most once per <see cref="ForcedRefreshCooldown"/>.
/// </summary>
/// <remarks>Thread-safe; concurrent callers share one fetch.</remarks>
internal sealed class SigningKeyCache(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsOptions> options,
    TimeProvider timeProvider,
    ILogger<SigningKeyCache> logger)
{
    /// <summary>The named HttpClient the metadata is fetched with.</summary>
    public const string HttpClientName = "Teams.OpenIdMetadata";

    /// <summary>How long a fetched key set is used before it is fetched again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);

    /// <summary>The least time between two fetches caused by unknown key ids, so forged tokens cannot hammer the metadata service.</summary>
    public static readonly TimeSpan ForcedRefreshCooldown = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SigningKeys? _current;
    private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;

    /// <summary>The key set, fetching it when none is cached or the cached one is too old.</summary>
    /// <exception cref="TeamsFrontEndUnavailableException">The metadata could not be fetched and nothing is cached.</exception>
    public async Task<SigningKeys> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && timeProvider.GetUtcNow() - current.FetchedAt < RefreshInterval)
        {
            return current;
        }

        return await RefreshAsync(current, force: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The key set after one fetch for an unknown key id, or the cached set when a forced fetch happened within the
    /// cooldown (or another caller already fetched a newer set).
    /// </summary>
    public async Task<SigningKeys> RefreshForUnknownKeyAsync(SigningKeys seen, CancellationToken cancellationToken) =>
        await RefreshAsync(seen, force: true, cancellationToken).ConfigureAwait(false);

    private async Task<SigningKeys> RefreshAsync(SigningKeys? seen, bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            var now = timeProvider.GetUtcNow();
            if (current is not null && !ReferenceEquals(current, seen))
            {
                return current; // another caller fetched while this one waited
            }

            if (force && current is not null)
            {
                if (now - _lastForcedRefresh < ForcedRefreshCooldown)
                {
                    return current;
                }

                _lastForcedRefresh = now;
            }

            try
            {
                var fetched = await FetchAsync(now, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, fetched);
                logger.SigningKeysFetched(fetched.Keys.Count, force);
                return fetched;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or ArgumentException or InvalidOperationException
                                          or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.SigningKeysFetchFailed(e.GetType().Name);
                if (current is not null)
                {
                    return current; // keep validating with the keys we have rather than refuse every request
                }

                throw new TeamsFrontEndUnavailableException("The Bot Connector's OpenID metadata could not be fetched.", e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SigningKeys> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        var metadataUrl = new Uri(options.Value.OpenIdMetadataUrl);
        string jwksUri;
        using (var metadata = JsonDocument.Parse(await client.GetStringAsync(metadataUrl, cancellationToken).ConfigureAwait(false)))
        {
            jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()!
                : throw new InvalidOperationException("The OpenID metadata has no jwks_uri.");
        }

        var jwksJson = await client.GetStringAsync(new Uri(metadataUrl, jwksUri), cancellationToken).ConfigureAwait(false);
        var keys = new Dictionary<string, JsonWebKey>(StringComparer.Ordinal);
        foreach (var key in new JsonWebKeySet(jwksJson).Keys)
        {
            if (!string.IsNullOrEmpty(key.Kid))
            {
                keys[key.Kid] = key;
            }
        }

        // Endorsements are a Bot Framework extension of the JWK; read them from the raw document.
        var endorsements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using (var jwks = JsonDocument.Parse(jwksJson))
        {
            if (jwks.RootElement.TryGetProperty("keys", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var key in array.EnumerateArray())
                {
                    if (key.ValueKind == JsonValueKind.Object
                        && key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                        && key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        endorsements[kid.GetString()!] = [.. list.EnumerateArray()
                            .Where(e => e.ValueKind == JsonValueKind.String)
                            .Select(e => e.GetString()!)];
                    }
                }
            }
        }

        return new SigningKeys(keys, endorsements, now);
    }
}
