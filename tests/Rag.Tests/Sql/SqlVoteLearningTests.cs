using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Sql;
using Assistant.Rag.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Assistant.Rag.Tests.Sql;

/// <summary>
/// Votes teach the SQL route, through the real feedback store: a query enough distinct people 👍 becomes a learned
/// example (so an LLM-written query is not asked for again), an example people 👎 for a question is not used for it
/// again, and a learning reset forgets both.
/// </summary>
public sealed class SqlVoteLearningTests : IDisposable
{
    private const string Question = "Which were the five most recently opened P1 tickets, and what were they about?";
    private const string Written = "SELECT title, opened_at FROM tickets WHERE priority = 'P1' ORDER BY opened_at DESC LIMIT 5";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "assistant-sql-votes-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SqliteFeedbackStore _store;
    private int _answers;

    public SqlVoteLearningTests()
    {
        Directory.CreateDirectory(_folder);
        _store = new SqliteFeedbackStore(Path.Combine(_folder, "feedback.db"));
    }

    [Fact]
    public async Task ALlmQueryThreePeopleAgreedOnIsAnsweredNextTimeWithoutTheModelAndSurvivesARestart()
    {
        var chat = ScriptedChatClient.Replying($$"""{"sql":"{{Written}}","answerable":true}""");
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat), _store);
        var first = await route.AnswerAsync(Ask(Question));
        Assert.Single(chat.Requests);

        await VoteAsync(route, Question, first, ["ana", "ben"], VoteValue.Up);
        await route.AnswerAsync(Ask(Question));
        Assert.Equal(2, chat.Requests.Count); // two people are not enough
        Assert.Empty(route.LearnedExamples);

        await VoteAsync(route, Question, first, ["chen"], VoteValue.Up);
        var learned = await route.AnswerAsync(Ask("which were the 5 most recently opened P1 tickets and what were they about"));

        Assert.Equal(2, chat.Requests.Count);
        Assert.True(learned.Answered);
        Assert.Equal(Written, learned.Table!.Query);
        Assert.StartsWith("fernhill:learned:", learned.ExampleId, StringComparison.Ordinal);
        var example = Assert.Single(route.LearnedExamples);
        Assert.Equal((Question, Written), (example.Question, example.Query));

        using var restarted = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(ScriptedChatClient.Failing(new InvalidOperationException("not asked"))), _store);
        Assert.Equal(Written, (await restarted.AnswerAsync(Ask(Question))).Table!.Query);
    }

    [Fact]
    public async Task MorePeopleAgainstThanForKeepsAQueryFromBeingLearned()
    {
        var chat = ScriptedChatClient.Replying($$"""{"sql":"{{Written}}","answerable":true}""");
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat), _store);
        var first = await route.AnswerAsync(Ask(Question));

        await VoteAsync(route, Question, first, ["ana", "ben", "chen"], VoteValue.Up);
        Assert.Single(route.LearnedExamples);
        await VoteAsync(route, Question, first, ["dan", "eve", "fay", "gus"], VoteValue.Down);

        Assert.Empty(route.LearnedExamples);
    }

    [Fact]
    public async Task AnExamplePeopleVotedDownForAQuestionIsNotUsedForItAgain()
    {
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, history: _store);
        const string Asked = "How many open P1 tickets does the Network team have?";
        var first = await route.AnswerAsync(Ask(Asked));
        Assert.True(first.Answered);

        await VoteAsync(route, Asked, first, ["ana"], VoteValue.Down);
        var again = await route.AnswerAsync(Ask(Asked));

        Assert.NotEqual(first.ExampleId, again.ExampleId);
        // Another question the same example answers is not affected.
        var other = await route.AnswerAsync(Ask("How many open P2 tickets does the Security team have?"));
        Assert.Equal(first.ExampleId, other.ExampleId);
    }

    [Fact]
    public async Task ALearningResetForgetsWhatVotesTaught()
    {
        var chat = ScriptedChatClient.Replying($$"""{"sql":"{{Written}}","answerable":true}""");
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat), _store);
        var first = await route.AnswerAsync(Ask(Question));
        await VoteAsync(route, Question, first, ["ana", "ben", "chen"], VoteValue.Up);
        Assert.Single(route.LearnedExamples);

        await _store.ResetLearningAsync(DateTimeOffset.UtcNow.AddSeconds(1));
        await route.RefreshAsync();

        Assert.Empty(route.LearnedExamples);
    }

    [Fact]
    public async Task VotesFromAChannelWhoseVotesDoNotTeachAreIgnored()
    {
        var chat = ScriptedChatClient.Replying($$"""{"sql":"{{Written}}","answerable":true}""");
        var feedback = new FeedbackOptions();
        feedback.IgnoredChannels.Add("playground");
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat), _store, feedback);
        var first = await route.AnswerAsync(Ask(Question));

        await VoteAsync(route, Question, first, ["ana", "ben", "chen"], VoteValue.Up, "playground");

        Assert.Empty(route.LearnedExamples);
    }

    [Fact]
    public async Task AQuestionNamingARelativePeriodIsNotLearned()
    {
        const string Relative = "What was the average expense claim per category last month?";
        var chat = ScriptedChatClient.Replying("""{"sql":"SELECT category, avg(amount) AS average FROM expense_claims WHERE submitted_on >= '2026-03-01' AND submitted_on < '2026-04-01' GROUP BY category","answerable":true}""");
        using var route = SqlRoutes.Create(new SqlOptions(), _folder, _folder, TestLlm.Calls(chat), _store);
        var first = await route.AnswerAsync(Ask(Relative));
        Assert.True(first.Answered);

        await VoteAsync(route, Relative, first, ["ana", "ben", "chen"], VoteValue.Up);

        Assert.Empty(route.LearnedExamples);
    }

    [Fact]
    public void LessonsCountEachPersonsLatestVoteOnce()
    {
        var at = new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);
        QueryVote Vote(string answer, string user, VoteValue value, int minutes) =>
            new(answer, user, "teams", value, at.AddMinutes(minutes), "sql", "fernhill", "How many laptops are in repair?", "SELECT count(*) FROM laptops WHERE status = 'in repair'", "fernhill:9");

        // ana votes up on two answers of the same question and query, ben changes his mind: one agreeing person.
        var lessons = SqlLessons.From([Vote("a1", "ana", VoteValue.Up, 0), Vote("a2", "ana", VoteValue.Up, 1), Vote("a1", "ben", VoteValue.Up, 2), Vote("a1", "ben", VoteValue.Down, 3)], "sql", 2, 10, []);

        Assert.Empty(lessons.Learned);
        Assert.False(lessons.IsDoubtful("fernhill:9", "How many laptops are in repair?"));
        Assert.Single(SqlLessons.From([Vote("a1", "ana", VoteValue.Up, 0), Vote("a2", "ben", VoteValue.Up, 1)], "sql", 2, 10, []).Learned);
        Assert.True(SqlLessons.From([Vote("a1", "ana", VoteValue.Down, 0)], "sql", 2, 10, []).IsDoubtful("fernhill:9", "how many LAPTOPS are in repair"));
        Assert.Empty(SqlLessons.From([Vote("a1", "ana", VoteValue.Up, 0), Vote("a2", "ben", VoteValue.Up, 1)], "graph", 2, 10, []).Learned);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static StructuredQuestion Ask(string text) => new(text, "en", DateTimeOffset.UtcNow);

    // What the channels do: the answer is recorded as sent, each person votes on it in its conversation, the route is told.
    private async Task VoteAsync(SqlRoute route, string asked, StructuredReply reply, string[] people, VoteValue value, string channel = "teams")
    {
        var id = "answer-" + ++_answers;
        var turn = new Turn(channel, "conversation-1", people[0], asked);
        var answer = new Answer(id, reply.Sentence + " [1]", [new Citation(1, "fernhill database", "sql://fernhill", "…", "sql:fernhill", "sql:fernhill", [])], [new RouteUse("sql", 1, "data", 1)], asked, AnswerKind.Queried, DateTimeOffset.UtcNow)
        {
            Tables = [reply.Table!],
            QueryExampleId = reply.ExampleId,
        };
        await _store.RecordAnswerAsync(turn, answer);
        foreach (var person in people)
        {
            Assert.True(await _store.RecordVoteAsync(new Vote(id, person, channel, "conversation-1", value, DateTimeOffset.UtcNow)));
            await route.RecordVoteAsync(answer.StandaloneQuestion, reply.ExampleId, reply.Table!.Query, person, value == VoteValue.Up);
        }
    }
}
