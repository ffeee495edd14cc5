namespace Assistant.Bot.Channels;

/// <summary>The <see cref="Rag.Turn.Channel"/> of each front end: turns, answers and votes are kept under these names.</summary>
internal static class ChannelNames
{
    /// <summary>Microsoft Teams (/api/messages).</summary>
    public const string Teams = "teams";

    /// <summary>Slack (/slack/events, /slack/interactivity).</summary>
    public const string Slack = "slack";

    /// <summary>The local playground page and /api/chat.</summary>
    public const string Playground = "playground";

    /// <summary>The <c>ask</c> command.</summary>
    public const string CommandLine = "cli";
}
