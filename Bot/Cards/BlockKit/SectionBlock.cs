namespace Assistant.Bot.Cards.BlockKit;

/// <summary>A block of text (1 to 3000 characters).</summary>
/// <param name="Text">The text.</param>
internal sealed record SectionBlock(SlackText Text) : SlackBlock;
