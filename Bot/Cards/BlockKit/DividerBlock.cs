namespace Assistant.Bot.Cards.BlockKit;

/// <summary>A horizontal rule.</summary>
internal sealed record DividerBlock : SlackBlock;
