namespace Assistant.Bot.Cards;

/// <summary>Groups elements, for example one numbered source.</summary>
/// <param name="Items">The grouped elements.</param>
internal sealed record Container(IReadOnlyList<CardElement> Items) : CardElement;
