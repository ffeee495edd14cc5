namespace Assistant.Bot.Slack;

/// <summary>The Slack front end's log messages. Message text is personal data and is logged at Trace only.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Slack front end is off: set Slack:SigningSecret and Slack:BotToken to turn it on")]
    public static partial void Off(ILogger logger);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Slack request to {Endpoint} refused with {StatusCode}: {Reason}")]
    public static partial void Rejected(ILogger logger, string endpoint, int statusCode, string reason);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Slack event {EventId} ({EventType}) ignored: {Reason}")]
    public static partial void EventIgnored(ILogger logger, string eventId, string eventType, string reason);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Information, Message = "Slack event {EventId} is a retry (X-Slack-Retry-Num {RetryNum}, {RetryReason}) already being handled: ignored")]
    public static partial void DuplicateEvent(ILogger logger, string eventId, string retryNum, string retryReason);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Information, Message = "Slack event {EventId} ({EventType}) in {Channel} queued")]
    public static partial void EventQueued(ILogger logger, string eventId, string eventType, string channel);

    [LoggerMessage(EventId = 3306, Level = LogLevel.Error, Message = "Slack event {EventId} refused: the work queue is full or the bot is stopping; Slack will retry it")]
    public static partial void QueueFull(ILogger logger, string eventId);

    [LoggerMessage(EventId = 3307, Level = LogLevel.Trace, Message = "Slack question in {Channel} from {User}: {Question}")]
    public static partial void Question(ILogger logger, string channel, string user, string question);

    [LoggerMessage(EventId = 3309, Level = LogLevel.Warning, Message = "Slack {Method} failed: {Error}")]
    public static partial void ApiFailed(ILogger logger, string method, string error);

    [LoggerMessage(EventId = 3310, Level = LogLevel.Information, Message = "Slack {Method} answered {Reason}; try {Attempt} is retried in {WaitMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string method, string reason, int attempt, double waitMilliseconds);

    [LoggerMessage(EventId = 3314, Level = LogLevel.Information, Message = "Slack interaction {InteractionType} ignored: {Reason}")]
    public static partial void InteractionIgnored(ILogger logger, string interactionType, string reason);

    [LoggerMessage(EventId = 3316, Level = LogLevel.Information, Message = "Slack url_verification answered")]
    public static partial void UrlVerified(ILogger logger);

    [LoggerMessage(EventId = 3317, Level = LogLevel.Warning, Message = "Slack vote on answer {AnswerId}: {Count} malformed entries of the message's blocks dropped from the acknowledgement")]
    public static partial void MalformedBlocksDropped(ILogger logger, string answerId, int count);
}
