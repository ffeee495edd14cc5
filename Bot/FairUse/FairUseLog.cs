namespace Assistant.Bot.FairUse;

/// <summary>Fair-use log messages: channel and limit only, never who was limited or what they asked.</summary>
internal static partial class FairUseLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "Fair use: a {Channel} request refused, the per-{Limit} allowance is used up for {RetryAfterSeconds} s")]
    public static partial void Refused(ILogger logger, string channel, string limit, int retryAfterSeconds);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "Fair use: {Count} partitions tracked, the most allowed; the {Dropped} idle longest were dropped")]
    public static partial void PartitionsTrimmed(ILogger logger, int count, int dropped);
}
