using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>An Adaptive Card: the root of a card, or the card an <see cref="ShowCardAction"/> reveals.</summary>
/// <param name="Body">The elements shown, top to bottom.</param>
/// <param name="Actions">The buttons under the body, or null for none.</param>
/// <param name="Version">The schema version; null for a card nested in an <see cref="ShowCardAction"/>.</param>
/// <param name="FallbackText">Text shown by hosts that cannot render cards, and in notifications.</param>
internal sealed record AdaptiveCard(
    IReadOnlyList<CardElement> Body,
    IReadOnlyList<CardAction>? Actions = null,
    [property: JsonPropertyOrder(-1)] string? Version = AdaptiveCard.SupportedVersion,
    string? FallbackText = null)
{
    /// <summary>The newest version Teams renders in bot-sent cards; <c>Action.Execute</c> needs it.</summary>
    public const string SupportedVersion = "1.5";

    /// <summary>The JSON schema address; null on nested cards.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-3)]
    public string? Schema { get; init; } = Version is null ? null : "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Always "AdaptiveCard".</summary>
    [JsonPropertyOrder(-2)]
    public string Type => "AdaptiveCard";
}
