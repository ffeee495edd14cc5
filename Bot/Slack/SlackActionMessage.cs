using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Slack;

/// <summary>The message a <c>block_actions</c> click came from, as far as the payload tells.</summary>
/// <param name="Channel">Its conversation (container.channel_id, else channel.id).</param>
/// <param name="Ts">Its ts (container.message_ts, else message.ts).</param>
/// <param name="ThreadTs">Its thread, or null.</param>
/// <param name="Text">Its fallback text.</param>
/// <param name="Blocks">Its blocks, or null when the payload carries none.</param>
internal sealed record SlackActionMessage(string? Channel, string? Ts, string? ThreadTs, string Text, JsonArray? Blocks)
{
    /// <summary>Reads the message fields of a block_actions payload.</summary>
    public static SlackActionMessage Read(JsonElement payload)
    {
        var container = SlackPayload.Object(payload, "container");
        var channel = SlackPayload.Object(payload, "channel");
        var message = SlackPayload.Object(payload, "message");
        string? From(JsonElement? element, string name) => element is { } e ? SlackPayload.String(e, name) : null;

        var blocks = message is { } m && SlackPayload.Array(m, "blocks") is { } b ? JsonNode.Parse(b.GetRawText()) as JsonArray : null;
        return new SlackActionMessage(
            From(container, "channel_id") ?? From(channel, "id"),
            From(container, "message_ts") ?? From(message, "ts"),
            From(message, "thread_ts"),
            From(message, "text") ?? string.Empty,
            blocks);
    }
}
