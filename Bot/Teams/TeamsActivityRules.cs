namespace Assistant.Bot.Teams;

/// <summary>
/// What an activity must look like before the bot acts on it, beyond being JSON with a type. The ids that become
/// segments of Bot Connector paths (conversation, activity, replyToId) must stay one segment each: "." and ".." would
/// make the outbound path collapse onto another resource (<c>…/v3/conversations/../activities</c>).
/// </summary>
internal static class TeamsActivityRules
{
    /// <summary>Why the activity is refused with 400, or null when it may go on to authentication and handling.</summary>
    public static string? Problem(TeamsActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Conversation?.Id is { } conversationId && !IsPathSegment(conversationId))
        {
            return "the conversation id is not a valid path segment";
        }

        if (activity.Id is { } id && !IsPathSegment(id))
        {
            return "the activity id is not a valid path segment";
        }

        if (activity.ReplyToId is { } replyToId && !IsPathSegment(replyToId))
        {
            return "the replyToId is not a valid path segment";
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="id"/>, escaped with <see cref="Uri.EscapeDataString(string)"/>, is one non-empty path
    /// segment that no URI normalisation removes ("." and ".." are the only such segments: escaping leaves dots alone).
    /// </summary>
    public static bool IsPathSegment(string id) =>
        Uri.EscapeDataString(id) is { Length: > 0 } escaped && escaped != "." && escaped != "..";
}
