namespace Assistant.Bot.Tests.Telemetry;

/// <summary>
/// The spans one playground turn must produce, each with the name of its parent (null: the root, which continues the
/// caller's traceparent). One list, so the channel spans (turn, record, render, send) are added here and nowhere else.
/// </summary>
/// <remarks>
/// "feedback" appears because feedback learning is always on (SQLite by default); "rerank" is absent because no
/// reranker runs by default, and no LLM span because the fixture app has no LLM.
/// </remarks>
internal static class ExpectedTurnSpans
{
    /// <summary>The inbound request span of ASP.NET Core instrumentation: method and route template.</summary>
    public const string Request = "POST /api/chat";

    public static IReadOnlyList<(string Name, string? Parent)> Spans { get; } =
    [
        (Request, null),
        ("turn", Request),
        ("answer", "turn"),
        ("contextualise", "answer"),
        ("route decision", "answer"),
        ("route vector", "answer"),
        ("route keyword", "answer"),
        ("fusion", "answer"),
        ("feedback", "answer"),
        ("generation", "answer"),
        ("remember", "answer"),
        ("record", "turn"),
        ("render", "turn"),
        ("send", "turn"),
    ];
}
