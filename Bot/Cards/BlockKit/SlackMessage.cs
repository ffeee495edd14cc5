namespace Assistant.Bot.Cards.BlockKit;

/// <summary>A Slack message: Block Kit blocks plus the plain <see cref="Text"/> shown in notifications and by clients without blocks.</summary>
/// <param name="Text">The fallback text (mrkdwn-escaped).</param>
/// <param name="Blocks">The blocks, at most 50.</param>
internal sealed record SlackMessage(string Text, IReadOnlyList<SlackBlock> Blocks);
