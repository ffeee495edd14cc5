namespace Assistant.Bot.Cards.BlockKit;

/// <summary>Small grey text under the main content; at most 10 elements.</summary>
/// <param name="Elements">The text elements, shown side by side.</param>
internal sealed record ContextBlock(IReadOnlyList<SlackText> Elements) : SlackBlock;
