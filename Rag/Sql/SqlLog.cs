using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Sql;

/// <summary>The SQL route's log messages (EventIds 1800-1849). Questions and rows are personal data: never logged above Trace.</summary>
internal static partial class SqlLog
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "SQL database {Database} ({Provider}) introspected: {Tables} tables, {Examples} examples")]
    public static partial void Introspected(ILogger logger, string database, string provider, int tables, int examples);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "SQL database {Database} could not be introspected; it answers nothing until the next refresh")]
    public static partial void IntrospectionFailed(ILogger logger, string database, Exception exception);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "SQL query refused on {Database}: {Reason}")]
    public static partial void Refused(ILogger logger, string database, string reason);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "SQL query failed on {Database}; declined")]
    public static partial void Failed(ILogger logger, string database, Exception exception);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Debug, Message = "SQL route: best example {ExampleId} on {Database}, confidence {Confidence:0.000} (threshold {Threshold:0.00})")]
    public static partial void Matched(ILogger logger, string exampleId, string database, double confidence, double threshold);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Trace, Message = "SQL route question {Question} ran {Sql}")]
    public static partial void Ran(ILogger logger, string question, string sql);

    [LoggerMessage(EventId = 1806, Level = LogLevel.Information, Message = "Sample SQL database built at {Path}")]
    public static partial void SampleBuilt(ILogger logger, string path);

    [LoggerMessage(EventId = 1807, Level = LogLevel.Trace, Message = "SQL route: the LLM wrote {Sql} for {Question} (repair rounds {Round})")]
    public static partial void Wrote(ILogger logger, string question, string sql, int round);

    [LoggerMessage(EventId = 1808, Level = LogLevel.Information, Message = "SQL route learned from votes: {Learned} learned examples, {Doubtful} doubtful example-question pairs")]
    public static partial void Learned(ILogger logger, int learned, int doubtful);

    [LoggerMessage(EventId = 1809, Level = LogLevel.Warning, Message = "SQL route could not read the votes it learns from ({ErrorType}); it keeps what it knew")]
    public static partial void LearningFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 1810, Level = LogLevel.Warning, Message = "SQL route refresh failed ({ErrorType}); it keeps what it had")]
    public static partial void RefreshFailed(ILogger logger, string errorType);
}
