using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Tests.Support;

/// <summary>A structured route with a scripted reply (a table, a decline, or a failure); it records the questions asked and the votes.</summary>
internal sealed class FakeStructuredRoute(string name, Func<StructuredQuestion, StructuredReply> answer) : IStructuredRoute
{
    public string Name { get; } = name;

    public string Description => $"the {Name} test route";

    public List<StructuredQuestion> Questions { get; } = [];

    public List<(string Question, string? ExampleId, string Query, string UserId, bool Helpful)> Votes { get; } = [];

    /// <summary>Answers every question with one table of <paramref name="count"/> from the "tickets" table.</summary>
    public static FakeStructuredRoute Counting(long count, string sentence) => new("sql", _ => new StructuredReply(
        new TableResult("sql", "servicedesk", ["tickets"], "SELECT COUNT(*) AS open_p1 FROM tickets WHERE priority = 'P1' AND status = 'Open'", "sql", ["open_p1"], [[count]], 1, false, new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero)),
        sentence,
        0.97,
        [],
        "ex-17"));

    /// <summary>Declines every question, offering <paramref name="suggestions"/>.</summary>
    public static FakeStructuredRoute Declining(params string[] suggestions) => new("sql", _ => StructuredReply.Declined(suggestions, 0.2));

    public Task<StructuredReply> AnswerAsync(StructuredQuestion question, CancellationToken cancellationToken = default)
    {
        Questions.Add(question);
        return Task.FromResult(answer(question));
    }

    public Task RecordVoteAsync(string question, string? exampleId, string query, string userId, bool helpful, CancellationToken cancellationToken = default)
    {
        Votes.Add((question, exampleId, query, userId, helpful));
        return Task.CompletedTask;
    }
}
