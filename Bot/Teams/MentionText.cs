using System.Net;
using System.Text.Json;

namespace Assistant.Bot.Teams;

/// <summary>Removes the bot's own @mention from message text, using the mention entities as the reference requires.</summary>
internal static class MentionText
{
    /// <summary>
    /// The text without every mention of <paramref name="botId"/>: each mention entity naming the bot has its
    /// <c>text</c> (or "&lt;at&gt;name&lt;/at&gt;") removed, case-insensitively; then HTML entities are decoded and the
    /// result trimmed. Mentions of other people stay.
    /// </summary>
    public static string StripBotMention(string? text, IReadOnlyList<JsonElement>? entities, string? botId)
    {
        var result = text ?? string.Empty;
        if (entities is not null && !string.IsNullOrEmpty(botId))
        {
            foreach (var entity in entities)
            {
                if (entity.ValueKind != JsonValueKind.Object
                    || !entity.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "mention"
                    || !entity.TryGetProperty("mentioned", out var mentioned) || mentioned.ValueKind != JsonValueKind.Object
                    || !mentioned.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                    || !string.Equals(id.GetString(), botId, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var mentionText = entity.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (string.IsNullOrEmpty(mentionText)
                    && mentioned.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    mentionText = $"<at>{name.GetString()}</at>";
                }

                if (!string.IsNullOrEmpty(mentionText))
                {
                    result = result.Replace(mentionText, string.Empty, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        // Teams text can carry HTML entities such as &nbsp; around the mention.
        return WebUtility.HtmlDecode(result).Replace('\u00a0', ' ').Trim();
    }
}
