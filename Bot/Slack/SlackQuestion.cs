namespace Assistant.Bot.Slack;

/// <summary>An accepted event to answer in its thread.</summary>
/// <param name="Event">The event as received.</param>
internal sealed record SlackQuestion(SlackEventCallback Event)
{
    /// <summary>The thread to answer in: the event's thread, or the message itself as a new thread's parent.</summary>
    public string ThreadTs => Event.ThreadTs ?? Event.Ts!;
}
