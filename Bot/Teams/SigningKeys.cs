using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.Teams;

/// <summary>The Bot Connector's signing keys at one moment, with the channel ids each key is endorsed for.</summary>
/// <param name="Keys">Keys by key id.</param>
/// <param name="Endorsements">Endorsed channel ids by key id; a key without the array is absent.</param>
/// <param name="FetchedAt">When the key set was fetched.</param>
internal sealed record SigningKeys(
    IReadOnlyDictionary<string, JsonWebKey> Keys,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements,
    DateTimeOffset FetchedAt);
