namespace Assistant.Bot.Tests.Probe;

/// <summary>The classes of bad input the probe sends; the tally and the output name them so.</summary>
internal static class ProbeClasses
{
    public const string InvalidUtf8Slack = "invalid UTF-8, Slack events and interactivity";
    public const string InvalidUtf8Teams = "invalid UTF-8, Teams";
    public const string InvalidUtf8Playground = "invalid UTF-8, playground";
    public const string Oversized = "oversized bodies";
    public const string MalformedJson = "malformed JSON";
    public const string WrongContentType = "wrong content types";
    public const string ForgedCredentials = "forged or absent signatures and tokens";
    public const string DotSegmentIds = "dot-segment ids";
    public const string MissingChannelId = "missing channelId";
    public const string BotMessages = "bot_id of any type, bot_profile";
    public const string MalformedBlocks = "malformed blocks in a click";
    public const string Duplicates = "duplicate deliveries";
}
