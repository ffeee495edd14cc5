namespace Assistant.Bot.Cards.BlockKit;

/// <summary>A row of interactive elements; at most 25.</summary>
/// <param name="Elements">The buttons.</param>
internal sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : SlackBlock;
