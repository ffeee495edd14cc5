namespace Assistant.Bot.Playground;

/// <summary>The playground's log messages. Questions are personal data and are logged at Trace only.</summary>
internal static partial class PlaygroundLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Trace, Message = "Playground question in {ConversationId}: {Question}")]
    public static partial void Question(this ILogger logger, string conversationId, string question);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information, Message = "Playground request to {Endpoint} rejected with {StatusCode}: {Reason}")]
    public static partial void Rejected(this ILogger logger, string endpoint, int statusCode, string reason);
}
