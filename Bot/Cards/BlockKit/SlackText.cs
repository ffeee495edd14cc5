namespace Assistant.Bot.Cards.BlockKit;

/// <summary>A Block Kit text object: "mrkdwn" (Slack's markup) or "plain_text".</summary>
/// <param name="Type">"mrkdwn" or "plain_text".</param>
/// <param name="Text">The text; for mrkdwn already escaped with <see cref="SlackMrkdwn"/>.</param>
internal sealed record SlackText(string Type, string Text)
{
    /// <summary>For plain_text only: true lets Slack turn :shortcodes: into emoji.</summary>
    public bool? Emoji { get; init; }

    /// <summary>Text in Slack's mrkdwn markup.</summary>
    public static SlackText Mrkdwn(string text) => new("mrkdwn", text);

    /// <summary>Text shown as typed.</summary>
    public static SlackText Plain(string text) => new("plain_text", text) { Emoji = true };
}
