using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>
/// What a suggested-question button sends: in Teams an <c>imBack</c>, which posts <see cref="Ask"/> as the user's own
/// message (so it is answered like a typed question); the playground reads <see cref="Ask"/>.
/// </summary>
/// <param name="Ask">The question to ask.</param>
internal sealed record AskData(string Ask)
{
    /// <summary>Teams' instruction to post the question as the user's message.</summary>
    [JsonPropertyName("msteams")]
    public TeamsImBack MsTeams => new(Ask);
}
