using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Teams;

/// <summary>The Teams front end's log messages. Questions are personal data and are logged at Trace only.</summary>
internal static partial class TeamsLog
{
    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Teams request refused with {StatusCode}: {Reason}")]
    public static partial void Refused(this ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Trace, Message = "Teams question in {ConversationId}: {Question}")]
    public static partial void Question(this ILogger logger, string conversationId, string question);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Information, Message = "Teams {ActivityType} accepted for {ConversationId}")]
    public static partial void Accepted(this ILogger logger, string activityType, string conversationId);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Debug, Message = "Teams activity of type {ActivityType} ignored")]
    public static partial void Ignored(this ILogger logger, string activityType);

    [LoggerMessage(EventId = 3408, Level = LogLevel.Warning, Message = "Teams answer {AnswerId} is {Bytes} bytes, over the 80 KB message budget")]
    public static partial void MessageOverBudget(this ILogger logger, string answerId, int bytes);

    [LoggerMessage(EventId = 3409, Level = LogLevel.Warning, Message = "The Bot Connector returned no activity id for answer {AnswerId}: Teams' feedback buttons on it cannot be matched")]
    public static partial void NoActivityId(this ILogger logger, string answerId);

    [LoggerMessage(EventId = 3410, Level = LogLevel.Information, Message = "Teams welcome sent to {ConversationId}")]
    public static partial void WelcomeSent(this ILogger logger, string conversationId);

    [LoggerMessage(EventId = 3413, Level = LogLevel.Information, Message = "Teams feedback on message {ActivityId}, which carried no answer of this bot")]
    public static partial void UnknownMessage(this ILogger logger, string activityId);

    [LoggerMessage(EventId = 3414, Level = LogLevel.Information, Message = "Teams invoke {InvokeName} is not supported (501)")]
    public static partial void UnknownInvoke(this ILogger logger, string invokeName);

    [LoggerMessage(EventId = 3415, Level = LogLevel.Information, Message = "Teams message {ActivityId} delivered again; already handled")]
    public static partial void Duplicate(this ILogger logger, string activityId);

    [LoggerMessage(EventId = 3420, Level = LogLevel.Information, Message = "Bot Connector signing keys fetched: {KeyCount} keys (unknown key id: {ForUnknownKey})")]
    public static partial void SigningKeysFetched(this ILogger logger, int keyCount, bool forUnknownKey);

    [LoggerMessage(EventId = 3421, Level = LogLevel.Error, Message = "Bot Connector signing keys could not be fetched ({ExceptionType})")]
    public static partial void SigningKeysFetchFailed(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 3422, Level = LogLevel.Information, Message = "Bot token acquired ({AppType}), valid for {Seconds} s")]
    public static partial void TokenAcquired(this ILogger logger, TeamsAppType appType, int seconds);

    [LoggerMessage(EventId = 3423, Level = LogLevel.Error, Message = "Bot token request to {Host} failed with status {StatusCode} (0: no response)")]
    public static partial void TokenRequestFailed(this ILogger logger, string host, int statusCode);

    [LoggerMessage(EventId = 3424, Level = LogLevel.Error, Message = "Bot Connector {Operation} to {Host} failed with status {StatusCode} (0: no response)")]
    public static partial void ConnectorCallFailed(this ILogger logger, string operation, string host, int statusCode);

    [LoggerMessage(EventId = 3425, Level = LogLevel.Warning, Message = "Teams local emulator mode is ON (Development, Teams:AppId empty, Teams:AllowLocalEmulator true): {Route} accepts activities WITHOUT authentication from loopback callers and replies only to loopback serviceUrls. Do not expose this port through a tunnel or proxy.")]
    public static partial void LocalEmulatorOn(this ILogger logger, string route);

    [LoggerMessage(EventId = 3426, Level = LogLevel.Warning, Message = "Teams:AllowLocalEmulator is ignored: it applies only in the Development environment (now {Environment}) with Teams:AppId empty (app id set: {AppIdSet}); Teams authentication is unchanged")]
    public static partial void LocalEmulatorIgnored(this ILogger logger, string environment, bool appIdSet);
}
