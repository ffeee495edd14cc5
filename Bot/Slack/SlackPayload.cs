using System.Text.Json;

namespace Assistant.Bot.Slack;

/// <summary>
/// Reads Slack's JSON payloads field by field. Slack sends many event shapes (in some, "user" is an object), so
/// the payload is read with <see cref="JsonElement"/> rather than bound to one type that an unknown shape would break.
/// </summary>
internal static class SlackPayload
{
    /// <summary>
    /// The string property <paramref name="name"/> of <paramref name="element"/>, or null when absent, not a string,
    /// or not decodable (invalid UTF-8, or an escape of a lone surrogate): never throws.
    /// </summary>
    public static string? String(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // "Cannot transcode invalid UTF-8": the endpoint refuses such bodies, but a reader must not be the one to fail.
            return null;
        }
    }

    /// <summary>
    /// True when the property <paramref name="name"/> is present with any value but null: a <c>bot_id</c> may come as a
    /// string, a number or an object, and each means a bot.
    /// </summary>
    public static bool Has(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    /// <summary>The object property <paramref name="name"/>, or null.</summary>
    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    /// <summary>The array property <paramref name="name"/>, or null.</summary>
    public static JsonElement? Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Array
            ? value
            : null;

    /// <summary>Reads an <c>event_callback</c> envelope; null with a reason when a required field is missing.</summary>
    public static SlackEventCallback? ReadEventCallback(JsonElement root, out string? problem)
    {
        var eventId = String(root, "event_id");
        var teamId = String(root, "team_id");
        var inner = Object(root, "event");
        var eventType = inner is { } e ? String(e, "type") : null;
        problem = (eventId, teamId, eventType) switch
        {
            (null, _, _) => "event_id is missing",
            (_, null, _) => "team_id is missing",
            (_, _, null) => "event.type is missing",
            _ => null,
        };
        if (problem is not null)
        {
            return null;
        }

        string? botUserId = null;
        if (Array(root, "authorizations") is { } authorizations)
        {
            foreach (var authorization in authorizations.EnumerateArray())
            {
                if (authorization.ValueKind == JsonValueKind.Object
                    && authorization.TryGetProperty("is_bot", out var isBot)
                    && isBot.ValueKind == JsonValueKind.True)
                {
                    botUserId = String(authorization, "user_id");
                    break;
                }
            }
        }

        var ev = inner!.Value;
        return new SlackEventCallback(
            eventId!,
            teamId!,
            botUserId,
            eventType!,
            String(ev, "subtype"),
            String(ev, "user"),
            String(ev, "bot_id"),
            Has(ev, "bot_id") || Has(ev, "bot_profile"),
            String(ev, "text"),
            String(ev, "ts"),
            String(ev, "thread_ts"),
            String(ev, "channel"),
            String(ev, "channel_type"));
    }
}
