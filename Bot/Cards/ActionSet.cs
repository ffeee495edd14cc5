namespace Assistant.Bot.Cards;

/// <summary>Buttons placed inside the body rather than at the card's foot.</summary>
/// <param name="Actions">The buttons.</param>
internal sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardElement;
