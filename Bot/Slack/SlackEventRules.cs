namespace Assistant.Bot.Slack;

/// <summary>
/// Which events the bot answers: <c>app_mention</c> in channels and threads, and <c>message</c> in direct messages
/// (<c>message.im</c>). Its own messages, other bots' messages and every message subtype (edits, joins, bot posts)
/// are ignored, so the bot never answers itself or loops with another bot.
/// </summary>
internal static class SlackEventRules
{
    /// <summary>The event type of an @mention.</summary>
    public const string AppMention = "app_mention";

    /// <summary>The event type of a message (the bot subscribes to it in direct messages only).</summary>
    public const string Message = "message";

    /// <summary>The bot events the app subscribes to, as the manifest names them.</summary>
    public static IReadOnlyList<string> SubscribedEvents { get; } = [AppMention, "message.im"];

    /// <summary>
    /// The bot token scopes the front end needs: app_mention events need app_mentions:read, message.im events need
    /// im:history, and chat.postMessage, chat.update and chat.postEphemeral need chat:write (auth.test needs none).
    /// </summary>
    public static IReadOnlyList<string> RequiredScopes { get; } = ["app_mentions:read", "chat:write", "im:history"];

    /// <summary>Why the event is not answered, or null when it is a question for the bot.</summary>
    /// <param name="callback">The event.</param>
    /// <param name="botUserId">The bot's user id, when known.</param>
    public static string? IgnoreReason(SlackEventCallback callback, string? botUserId)
    {
        switch (callback.EventType)
        {
            case AppMention:
                break;
            case Message when callback.ChannelType == "im":
                break;
            case Message:
                return $"message in a {callback.ChannelType ?? "conversation"} that is not a direct message";
            default:
                return $"event type {callback.EventType} is not handled";
        }

        if (callback.Subtype is not null)
        {
            return $"message subtype {callback.Subtype}";
        }

        if (callback.FromBot || callback.BotId is not null)
        {
            return "written by a bot";
        }

        if (botUserId is not null && callback.User == botUserId)
        {
            return "the bot's own message";
        }

        return null;
    }

    /// <summary>Why an event that would be answered cannot be, or null when the fields an answer needs are there.</summary>
    public static string? MissingField(SlackEventCallback callback) =>
        callback.User is null ? "event.user is missing"
        : callback.Channel is null ? "event.channel is missing"
        : callback.Ts is null ? "event.ts is missing"
        : null;
}
