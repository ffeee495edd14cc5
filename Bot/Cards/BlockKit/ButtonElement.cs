namespace Assistant.Bot.Cards.BlockKit;

/// <summary>A button; a click sends a <c>block_actions</c> payload with <see cref="ActionId"/> and <see cref="Value"/>.</summary>
/// <param name="Text">The label (plain_text, at most 75 characters).</param>
/// <param name="ActionId">Identifies the action (at most 255 characters, unique in its block).</param>
/// <param name="Value">Sent back on a click (at most 2000 characters).</param>
internal sealed record ButtonElement(SlackText Text, string ActionId, string Value)
{
    /// <summary>Always "button".</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Type => "button";
}
