namespace Assistant.Bot.Cards;

/// <summary>Reveals a nested card under the button, e.g. the sources beyond the first three.</summary>
/// <param name="Title">The button's label.</param>
/// <param name="Card">The nested card; its version is null.</param>
internal sealed record ShowCardAction(string Title, AdaptiveCard Card) : CardAction(Title);
