using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Feedback;

public sealed class FeedbackLearningTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly ManualClock _clock = new(Start);

    [Fact]
    public async Task AVoteThroughTheLearningStoreReachesTheNextRetrievalWithoutWaitingForTheRefresh()
    {
        var options = new FeedbackOptions { RefreshSeconds = 3600 };
        var store = new SqliteFeedbackStore(Path.Combine(_folder.Path, "feedback.db"), options, _clock);
        using var learning = Learning(store, options);
        var channels = new LearningFeedbackStore(store, learning);
        Assert.Equal(0, (await learning.CurrentAsync()).Votes);

        await channels.RecordAnswerAsync(new Turn("slack", "c", "u", "q"), AnAnswer());
        await channels.RecordVoteAsync(new Vote("a1", "u", "slack", "c", VoteValue.Up, Start, 1));

        Assert.Equal(1, (await learning.CurrentAsync()).Votes);
    }

    [Fact]
    public async Task WithoutNewVotesTheModelIsReadOnceAndReloadedOnlyAfterTheRefreshInterval()
    {
        var history = new CountingHistory();
        var options = new FeedbackOptions { RefreshSeconds = 60 };
        using var learning = Learning(history, options);

        await learning.CurrentAsync();
        await learning.CurrentAsync();
        _clock.Now = Start.AddSeconds(59);
        await learning.CurrentAsync();
        Assert.Equal(1, history.Loads);

        _clock.Now = Start.AddSeconds(61);
        await learning.CurrentAsync();
        Assert.Equal(2, history.Loads);
    }

    [Fact]
    public async Task AStoreThatCannotBeReadLeavesTheLastModelInPlaceInsteadOfFailingRetrieval()
    {
        var history = new CountingHistory();
        var options = new FeedbackOptions();
        using var learning = Learning(history, options);
        var first = await learning.CurrentAsync();

        history.Fail = true;
        learning.Invalidate();
        var second = await learning.CurrentAsync();

        Assert.Same(first, second);
        Assert.Equal(2, history.Loads);
    }

    [Fact]
    public async Task DisabledFeedbackRanksWithTheEmptyModelAndReadsNothing()
    {
        var history = new CountingHistory();
        using var learning = Learning(history, new FeedbackOptions { Enabled = false });

        Assert.Same(FeedbackModel.Empty, await learning.CurrentAsync());
        Assert.Equal(0, history.Loads);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private FeedbackLearning Learning(IFeedbackHistory history, FeedbackOptions options) =>
        new(history, new FixedOptions<FeedbackOptions>(options), _clock, NullLogger<FeedbackLearning>.Instance);

    private static Answer AnAnswer() => new("a1", "Yes [1].", [new Citation(1, "T", "u", "s", "d", "d#0.0", ["d#0.0"])], [], "q", AnswerKind.Extractive, Start)
    {
        Evidence = [new AnswerEvidence("d#0.0", "d", 1, "keyword", new Dictionary<string, int> { ["keyword"] = 1 }, 0.9, 1)],
        QuestionEmbedding = new float[] { 1, 0 },
    };

    private sealed class CountingHistory : IFeedbackHistory
    {
        public int Loads { get; private set; }

        public bool Fail { get; set; }

        public Task<IReadOnlyList<VotedAnswer>> LoadVotedAnswersAsync(CancellationToken cancellationToken = default)
        {
            Loads++;
            return Fail ? throw new FeedbackStoreException("the test store is down") : Task.FromResult<IReadOnlyList<VotedAnswer>>([]);
        }

        public Task<IReadOnlyList<QueryVote>> LoadQueryVotesAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<QueryVote>>([]);

        public Task<int> ResetLearningAsync(DateTimeOffset at, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}
