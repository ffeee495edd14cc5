namespace Assistant.Bot.Slack;

/// <summary>The Slack front end's log messages. Message text is personal data and is logged at Trace only.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Slack front end is off: set Slack:SigningSecret and Slack:BotToken to turn it on")]
    public static partial void Off(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Slack request to {Endpoint} refused with {StatusCode}: {Reason}")]
    public static partial void Rejected(ILogger logger, string endpoint, int statusCode, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Slack event {EventId} ({EventType}) ignored: {Reason}")]
    public static partial void EventIgnored(ILogger logger, string eventId, string eventType, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Slack event {EventId} is a retry (X-Slack-Retry-Num {RetryNum}, {RetryReason}) already being handled: ignored")]
    public static partial void DuplicateEvent(ILogger logger, string eventId, string retryNum, string retryReason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Slack event {EventId} ({EventType}) in {Channel} queued")]
    public static partial void EventQueued(ILogger logger, string eventId, string eventType, string channel);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Slack work queue is full: event {EventId} dropped")]
    public static partial void QueueFull(ILogger logger, string eventId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Trace, Message = "Slack question in {Channel} from {User}: {Question}")]
    public static partial void Question(ILogger logger, string channel, string user, string question);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Slack answer {AnswerId} sent to {Channel}: {Kind} with {CitationCount} citations")]
    public static partial void AnswerSent(ILogger logger, string answerId, string channel, Rag.Generation.AnswerKind kind, int citationCount);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Slack {Method} failed: {Error}")]
    public static partial void ApiFailed(ILogger logger, string method, string error);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Slack {Method} answered {Reason}; try {Attempt} is retried in {WaitMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string method, string reason, int attempt, double waitMilliseconds);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Slack event {EventId} could not be answered")]
    public static partial void AnswerFailed(ILogger logger, Exception exception, string eventId);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Slack vote {Vote} recorded on answer {AnswerId}")]
    public static partial void VoteRecorded(ILogger logger, string answerId, string vote);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Slack vote on unknown answer {AnswerId}")]
    public static partial void UnknownAnswer(ILogger logger, string answerId);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "Slack interaction {InteractionType} ignored: {Reason}")]
    public static partial void InteractionIgnored(ILogger logger, string interactionType, string reason);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Error, Message = "Slack work item {Item} failed")]
    public static partial void WorkFailed(ILogger logger, Exception exception, string item);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Information, Message = "Slack url_verification answered")]
    public static partial void UrlVerified(ILogger logger);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning, Message = "Slack question in {Channel} answered with a notice: the assistant is not ready")]
    public static partial void NotReady(ILogger logger, string channel);

    [LoggerMessage(EventId = 3300, Level = LogLevel.Warning, Message = "Slack vote on answer {AnswerId}: {Count} malformed entries of the message's blocks dropped from the acknowledgement")]
    public static partial void MalformedBlocksDropped(ILogger logger, string answerId, int count);
}
