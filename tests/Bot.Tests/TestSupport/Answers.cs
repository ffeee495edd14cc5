using Assistant.Rag.Generation;

namespace Assistant.Bot.Tests.TestSupport;

/// <summary>Answers as the engine would produce them, for rendering and endpoint tests.</summary>
internal static class Answers
{
    public static readonly DateTimeOffset At = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    public static Citation Citation(int n, string? title = null, string? url = null, string? snippet = null) => new(
        n,
        title ?? $"Travel policy, part {n}",
        url ?? $"https://intranet.example.com/policies/travel-{n}",
        snippet ?? $"Employees book flights through the travel portal at least 14 days ahead (part {n}).",
        $"doc-{n}",
        $"doc-{n}#s1",
        [$"doc-{n}#c1"]);

    public static IReadOnlyList<RouteUse> Routes { get; } =
    [
        new("vector", 1.0, "always", 8),
        new("keyword", 1.0, "always", 5),
    ];

    public static Answer Normal(string id = "ans-1") => new(
        id,
        "Book flights through the travel portal at least 14 days ahead [1]. Economy class is the default for trips under 6 hours [2].",
        [Citation(1), Citation(2)],
        Routes,
        "How do I book a flight?",
        AnswerKind.Extractive,
        At);

    public static Answer NoEvidence() => new(
        "ans-none",
        "I don't know: none of the documents I searched answers this.",
        [],
        Routes,
        "What is the canteen menu on Mars?",
        AnswerKind.NoEvidence,
        At);

    public static Answer Rejected() => new(
        "ans-rejected",
        "That doesn't look like text. Please type your question in words.",
        [],
        [],
        "\u0001\u0002PK",
        AnswerKind.Rejected,
        At);

    public static Answer ManyCitations(int count) => new(
        "ans-many",
        string.Join(' ', Enumerable.Range(1, count).Select(n => $"Fact number {n} [{n}].")),
        [.. Enumerable.Range(1, count).Select(n => Citation(n))],
        Routes,
        "Tell me everything about travel",
        AnswerKind.Generated,
        At);

    public static Answer LongText() => new(
        "ans-long",
        string.Concat(Enumerable.Repeat("The expense report is due within 30 days of the trip [1]. ", 200)),
        [Citation(1, snippet: string.Concat(Enumerable.Repeat("Receipts must be attached. ", 40)))],
        Routes,
        "When is the expense report due?",
        AnswerKind.Extractive,
        At);

    public static Answer Chinese() => new(
        "ans-zh",
        "上海办公室的供应商包括华东物流有限公司 [1] 和申城办公用品公司 [2]。",
        [
            Citation(1, "供应商名录：上海办公室", "https://intranet.example.com/供应商/上海", "华东物流有限公司为上海办公室提供物流服务。"),
            Citation(2, "采购政策", "docs/采购政策.md", "申城办公用品公司负责办公用品的采购与配送。"),
        ],
        [new RouteUse("graph", 0.7, "relationship question", 3), new RouteUse("vector", 0.3, "always", 6)],
        "哪些供应商为上海办公室供货？",
        AnswerKind.Generated,
        At);

    public static Rag.Retrieval.TableResult Table(int rows = 3, int totalRows = 3, bool truncated = false) => new(
        "sql",
        "servicedesk",
        ["tickets", "teams"],
        "SELECT t.name AS team, COUNT(*) AS open_p1 FROM tickets k JOIN teams t ON t.id = k.team_id WHERE k.priority = 'P1' AND k.status = 'Open' GROUP BY t.name ORDER BY open_p1 DESC",
        "sql",
        ["team", "open_p1"],
        [.. Enumerable.Range(1, rows).Select(i => (IReadOnlyList<object?>)[$"Team <{i}> & co", (long)(20 - i)])],
        totalRows,
        truncated,
        At);

    public static Answer Queried(int rows = 3, int totalRows = 3, bool truncated = false) => new(
        "ans-sql",
        "The Network team has the most open P1 tickets: 19 [1]. P1 means the service is down for everyone [2].",
        [StructuredAnswers.CitationOf(Table(rows, totalRows, truncated)), Citation(2)],
        [new RouteUse("sql", 1.0, "sql question", rows), new RouteUse("vector", 0.3, "sql question", 4)],
        "Which team has the most open P1 tickets?",
        AnswerKind.Queried,
        At)
    {
        Tables = [Table(rows, totalRows, truncated)],
        QueryExampleId = "ex-3",
    };

    public static Answer WithSuggestions() => NoEvidence() with
    {
        Text = "I can't answer that as a database query yet. Questions I can answer:",
        Suggestions = ["How many open P1 tickets does the Network team have?", "Which team closed the most tickets last month?", "How many laptops are older than 4 years?"],
    };
}
