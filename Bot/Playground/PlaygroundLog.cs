using Assistant.Rag.Generation;

namespace Assistant.Bot.Playground;

/// <summary>The playground's log messages. Questions are personal data and are logged at Trace only.</summary>
internal static partial class PlaygroundLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Trace, Message = "Playground question in {ConversationId}: {Question}")]
    public static partial void Question(this ILogger logger, string conversationId, string question);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Playground answer {AnswerId} sent: {Kind} with {CitationCount} citations")]
    public static partial void AnswerSent(this ILogger logger, string answerId, AnswerKind kind, int citationCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Playground question refused: the assistant is not ready")]
    public static partial void NotReady(this ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Playground request to {Endpoint} rejected with {StatusCode}: {Reason}")]
    public static partial void Rejected(this ILogger logger, string endpoint, int statusCode, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Playground vote {Vote} recorded on answer {AnswerId}")]
    public static partial void VoteRecorded(this ILogger logger, string answerId, string vote);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Playground vote on unknown or expired answer {AnswerId} ignored")]
    public static partial void UnknownAnswer(this ILogger logger, string answerId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "The feedback store failed while {Operation}")]
    public static partial void StoreFailed(this ILogger logger, string operation, Exception exception);
}
