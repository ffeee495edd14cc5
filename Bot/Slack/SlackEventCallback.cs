namespace Assistant.Bot.Slack;

/// <summary>The fields of an Events API <c>event_callback</c> the bot reads; null where the payload has none.</summary>
/// <param name="EventId">The delivery's id, unique across workspaces; retries carry the same one.</param>
/// <param name="TeamId">The workspace.</param>
/// <param name="BotUserId">The bot's own user id, from the <c>authorizations</c> entry with <c>is_bot</c>.</param>
/// <param name="EventType">The inner event's type, e.g. "app_mention" or "message".</param>
/// <param name="Subtype">The message subtype ("bot_message", "message_changed", …); null for a plain message.</param>
/// <param name="User">The author's user id.</param>
/// <param name="BotId">The writing bot's id when it came as a string.</param>
/// <param name="FromBot">True when the event carries a <c>bot_id</c> of any JSON type or a <c>bot_profile</c>: a bot (any app) wrote it.</param>
/// <param name="Text">The message text in Slack's markup.</param>
/// <param name="Ts">The message's timestamp id.</param>
/// <param name="ThreadTs">The thread's parent timestamp when the message is in a thread.</param>
/// <param name="Channel">The conversation id.</param>
/// <param name="ChannelType">For message events: "im", "channel", "group" or "mpim".</param>
internal sealed record SlackEventCallback(
    string EventId,
    string TeamId,
    string? BotUserId,
    string EventType,
    string? Subtype,
    string? User,
    string? BotId,
    bool FromBot,
    string? Text,
    string? Ts,
    string? ThreadTs,
    string? Channel,
    string? ChannelType);
