using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Graph;

/// <summary>The graph route's log messages (EventIds 1850-1899). Questions and rows are personal data: never logged above Trace.</summary>
internal static partial class GraphLog
{
    [LoggerMessage(EventId = 1850, Level = LogLevel.Information, Message = "Knowledge graph {Graph} loaded: {Nodes} nodes, {Relationships} relationships, {Examples} examples")]
    public static partial void Loaded(ILogger logger, string graph, int nodes, int relationships, int examples);

    [LoggerMessage(EventId = 1851, Level = LogLevel.Warning, Message = "Knowledge graph {Graph} could not be loaded; the graph route declines until it can")]
    public static partial void LoadFailed(ILogger logger, string graph, Exception exception);

    [LoggerMessage(EventId = 1852, Level = LogLevel.Information, Message = "Cypher refused on {Graph}: {Reason}")]
    public static partial void Refused(ILogger logger, string graph, string reason);

    [LoggerMessage(EventId = 1853, Level = LogLevel.Warning, Message = "Cypher failed on {Graph}; declined: {Reason}")]
    public static partial void Failed(ILogger logger, string graph, string reason);

    [LoggerMessage(EventId = 1854, Level = LogLevel.Debug, Message = "Graph route: best candidate {ExampleId}, confidence {Confidence:0.000} (threshold {Threshold:0.00})")]
    public static partial void Matched(ILogger logger, string exampleId, double confidence, double threshold);

    [LoggerMessage(EventId = 1855, Level = LogLevel.Trace, Message = "Graph route question {Question} ran {Cypher}")]
    public static partial void Ran(ILogger logger, string question, string cypher);
}
