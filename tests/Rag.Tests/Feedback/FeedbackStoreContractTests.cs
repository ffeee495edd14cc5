using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Feedback;

/// <summary>What every feedback store must do; subclassed for SQLite and PostgreSQL.</summary>
public abstract class FeedbackStoreContractTests
{
    // Whole milliseconds: PostgreSQL keeps microseconds, .NET ticks are finer.
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, 123, TimeSpan.Zero);

    private protected ManualClock Clock { get; } = new(Start);

    /// <summary>Opens the store under test over this test's storage; a second call is a restart over the same data.</summary>
    private protected abstract (IFeedbackStore Store, IFeedbackHistory History) Open(FeedbackOptions options);

    [Fact]
    public async Task AnAnswerIsKeptWithItsEvidenceEmbeddingAndVotesAcrossARestart()
    {
        var (store, _) = Open(new FeedbackOptions());
        var answer = NewAnswer("a1");
        await store.RecordAnswerAsync(Turn, answer);
        Assert.True(await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start.AddMinutes(1), 1)));
        Assert.True(await store.RecordVoteAsync(new Vote("a1", "u2", Turn.Channel, Turn.ConversationId, VoteValue.Down, Start.AddMinutes(2))));
        Dispose(store);

        var (reopened, history) = Open(new FeedbackOptions());
        var loaded = Assert.Single(await history.LoadVotedAnswersAsync());

        Assert.Equal("a1", loaded.AnswerId);
        Assert.Equal("keyword+vector", loaded.Intent);
        Assert.Equal(answer.QuestionEmbedding.ToArray(), loaded.QuestionEmbedding.ToArray());
        Assert.Equal(Start, loaded.CreatedAt);
        Assert.Equal(answer.Evidence.Select(e => (e.ChunkId, e.DocumentId, e.Rank, e.Route, e.Score, e.Citation)), loaded.Evidence.Select(e => (e.ChunkId, e.DocumentId, e.Rank, e.Route, e.Score, e.Citation)));
        Assert.Equal(answer.Evidence[1].RouteRanks.OrderBy(r => r.Key), loaded.Evidence[1].RouteRanks.OrderBy(r => r.Key));
        Assert.Equal(
            [("u1", "teams", "conversation-1", VoteValue.Up, (int?)1, Start.AddMinutes(1)), ("u2", "teams", "conversation-1", VoteValue.Down, (int?)null, Start.AddMinutes(2))],
            loaded.Votes.Select(v => (v.UserId, v.Channel, v.ConversationId, v.Value, v.Citation, v.At)));
        Assert.Equal(2, (await reopened.GetVotesAsync("a1")).Count);
        Dispose(reopened);
    }

    [Fact]
    public async Task AVoteCountsOnlyFromTheChannelAndConversationTheAnswerWasGivenIn()
    {
        var (store, _) = Open(new FeedbackOptions());
        await store.RecordAnswerAsync(Turn, NewAnswer("a1"));

        Assert.False(await store.RecordVoteAsync(new Vote("a1", "u1", "slack", Turn.ConversationId, VoteValue.Down, Start)));
        Assert.False(await store.RecordVoteAsync(new Vote("a1", "u1", "playground", Turn.ConversationId, VoteValue.Down, Start)));
        Assert.False(await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, "conversation-2", VoteValue.Down, Start)));
        Assert.Empty(await store.GetVotesAsync("a1"));

        Assert.True(await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start)));
        var vote = Assert.Single(await store.GetVotesAsync("a1"));
        Assert.Equal((Turn.Channel, Turn.ConversationId), (vote.Channel, vote.ConversationId));
        Dispose(store);
    }

    [Fact]
    public async Task AUsersLaterVoteOnTheSameAnswerReplacesTheEarlierOne()
    {
        var (store, _) = Open(new FeedbackOptions());
        await store.RecordAnswerAsync(Turn, NewAnswer("a1"));

        for (var i = 0; i < 5; i++)
        {
            await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, i % 2 == 0 ? VoteValue.Down : VoteValue.Up, Start.AddSeconds(i)));
        }

        var vote = Assert.Single(await store.GetVotesAsync("a1"));
        Assert.Equal((VoteValue.Down, Start.AddSeconds(4)), (vote.Value, vote.At));
        Dispose(store);
    }

    [Fact]
    public async Task VotesOnDifferentCitationsOfOneAnswerAreKeptApart()
    {
        var (store, _) = Open(new FeedbackOptions());
        await store.RecordAnswerAsync(Turn, NewAnswer("a1"));

        await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start, 1));
        await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Down, Start, 2));

        Assert.Equal([(1, VoteValue.Up), (2, VoteValue.Down)], (await store.GetVotesAsync("a1")).Select(v => (v.Citation ?? 0, v.Value)).Order());
        Dispose(store);
    }

    [Fact]
    public async Task AVoteOnAnUnknownAnswerOrAMissingCitationIsRefusedAndStoresNothing()
    {
        var (store, history) = Open(new FeedbackOptions());
        await store.RecordAnswerAsync(Turn, NewAnswer("a1"));

        Assert.False(await store.RecordVoteAsync(new Vote("nope", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start)));
        Assert.False(await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start, 7)));

        Assert.Empty(await store.GetVotesAsync("nope"));
        Assert.Empty(await store.GetVotesAsync("a1"));
        Assert.Empty(await history.LoadVotedAnswersAsync());
        Dispose(store);
    }

    [Fact]
    public async Task AVoteOnAnAnswerOlderThanTheRetentionIsRefused()
    {
        var (store, _) = Open(new FeedbackOptions { AnswerRetentionDays = 30 });
        await store.RecordAnswerAsync(Turn, NewAnswer("a1"));

        Clock.Now = Start.AddDays(29);
        Assert.True(await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Clock.Now)));
        Clock.Now = Start.AddDays(31);
        Assert.False(await store.RecordVoteAsync(new Vote("a1", "u2", Turn.Channel, Turn.ConversationId, VoteValue.Up, Clock.Now)));

        Assert.Equal(["u1"], (await store.GetVotesAsync("a1")).Select(v => v.UserId));
        Dispose(store);
    }

    [Fact]
    public async Task RecordingAnAnswerTwiceKeepsTheFirstRecord()
    {
        var (store, history) = Open(new FeedbackOptions());
        await store.RecordAnswerAsync(Turn, NewAnswer("a1"));
        await store.RecordAnswerAsync(Turn, NewAnswer("a1") with { Evidence = [] });
        await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start));

        Assert.Equal(4, Assert.Single(await history.LoadVotedAnswersAsync()).Evidence.Count);
        Dispose(store);
    }

    [Fact]
    public async Task ResettingLearningHidesEarlierVotesFromLearningButKeepsThem()
    {
        var (store, history) = Open(new FeedbackOptions());
        await store.RecordAnswerAsync(Turn, NewAnswer("a1"));
        await store.RecordAnswerAsync(Turn, NewAnswer("a2"));
        await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start.AddMinutes(1)));

        var setAside = await history.ResetLearningAsync(Start.AddMinutes(2));
        await store.RecordVoteAsync(new Vote("a2", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Down, Start.AddMinutes(3)));

        Assert.Equal(1, setAside);
        Assert.Equal(["a2"], (await history.LoadVotedAnswersAsync()).Select(a => a.AnswerId));
        Assert.Single(await store.GetVotesAsync("a1"));
        Dispose(store);
    }

    [Fact]
    public async Task VotesOnAQueriedAnswerComeBackWithItsQuestionQueryAndExampleAcrossARestartUntilAReset()
    {
        var (store, _) = Open(new FeedbackOptions());
        await store.RecordAnswerAsync(Turn, QueriedAnswer("q1", "fernhill:3"));
        await store.RecordAnswerAsync(Turn, QueriedAnswer("q2", null));
        await store.RecordAnswerAsync(Turn, NewAnswer("a1"));
        await store.RecordVoteAsync(new Vote("q1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start.AddMinutes(1)));
        await store.RecordVoteAsync(new Vote("q1", "u2", Turn.Channel, Turn.ConversationId, VoteValue.Down, Start.AddMinutes(2)));
        await store.RecordVoteAsync(new Vote("q2", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start.AddMinutes(3)));
        await store.RecordVoteAsync(new Vote("a1", "u1", Turn.Channel, Turn.ConversationId, VoteValue.Up, Start.AddMinutes(4)));
        Dispose(store);

        var (reopened, history) = Open(new FeedbackOptions());
        var votes = await history.LoadQueryVotesAsync();

        // The text answer's vote is not a query vote; the queried ones carry what the route needs to learn.
        Assert.Equal(
            [("q1", "u1", VoteValue.Up, "fernhill:3"), ("q1", "u2", VoteValue.Down, "fernhill:3"), ("q2", "u1", VoteValue.Up, (string?)null)],
            votes.Select(v => (v.AnswerId, v.UserId, v.Value, v.ExampleId)));
        Assert.All(votes, v => Assert.Equal(("sql", "fernhill", "How many open P1 tickets does the Network team have?", Turn.Channel), (v.Route, v.Source, v.Question, v.Channel)));
        Assert.Equal("SELECT count(*) FROM tickets WHERE priority = 'P1'", votes[0].Query);
        Assert.Equal(Start.AddMinutes(1), votes[0].At);

        await history.ResetLearningAsync(Start.AddMinutes(5));
        Assert.Empty(await history.LoadQueryVotesAsync());
        Dispose(reopened);
    }

    private static Turn Turn { get; } = new("teams", "conversation-1", "asker", "How do I replace a lost badge?");

    private Answer QueriedAnswer(string id, string? exampleId) =>
        new(id, "There are 3 open P1 tickets for the Network team [1].", [new Citation(1, "fernhill database: tickets", "sql://fernhill", "…", "sql:fernhill", "sql:fernhill", [])], [new RouteUse("sql", 1, "default", 1)], "How many open P1 tickets does the Network team have?", AnswerKind.Queried, Start)
        {
            Tables = [new Assistant.Rag.Retrieval.TableResult("sql", "fernhill", ["tickets"], "SELECT count(*) FROM tickets WHERE priority = 'P1'", "sql", ["count(*)"], [[3L]], 1, false, Start)],
            QueryExampleId = exampleId,
        };

    private Answer NewAnswer(string id) => new(id, "Report it [1].", [new Citation(1, "Badges", "it/badge.md", "…", "kb:badge.md", "kb:badge.md#0", ["kb:badge.md#0.0", "kb:badge.md#0.1"]), new Citation(2, "Bike room", "facilities/bike.md", "…", "kb:bike.md", "kb:bike.md#0.0", ["kb:bike.md#0.0"])], [new RouteUse("vector", 1, "default", 3), new RouteUse("keyword", 1, "default", 2)], "How do I replace a lost badge?", AnswerKind.Extractive, Start)
    {
        QuestionEmbedding = new float[] { 0.25f, -0.5f, 1.0f },
        Evidence =
        [
            new AnswerEvidence("kb:badge.md#0.0", "kb:badge.md", 1, "vector", new Dictionary<string, int> { ["vector"] = 1, ["keyword"] = 2 }, 0.91, 1),
            new AnswerEvidence("kb:badge.md#0.1", "kb:badge.md", 2, "keyword", new Dictionary<string, int> { ["vector"] = 4, ["keyword"] = 1 }, 0.73, 1),
            new AnswerEvidence("kb:bike.md#0.0", "kb:bike.md", 3, "vector", new Dictionary<string, int> { ["vector"] = 2 }, 0.41, 2),
            new AnswerEvidence("kb:canteen.md#0.0", "kb:canteen.md", 4, "keyword", new Dictionary<string, int> { ["keyword"] = 3 }, 0.22, 0),
        ],
    };

    private static void Dispose(IFeedbackStore store) => (store as IDisposable)?.Dispose();
}
