using Assistant.Rag.Feedback;
using Microsoft.Data.Sqlite;

namespace Assistant.Rag.Tests.Feedback;

public sealed class SqliteFeedbackStoreTests : FeedbackStoreContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    private string Path => System.IO.Path.Combine(_folder.Path, "feedback.db");

    [Fact]
    public async Task AFileFromTheFirstReleaseIsMigratedWithEveryAnswerAndVoteKept()
    {
        // The schema as the first release wrote it, with one answer and one vote.
        using (var connection = new SqliteConnection($"Data Source={Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE answers (
                    id TEXT PRIMARY KEY, channel TEXT NOT NULL, conversation_id TEXT NOT NULL, user_id TEXT NOT NULL,
                    question TEXT NOT NULL, standalone_question TEXT NOT NULL, kind TEXT NOT NULL, answer TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE TABLE votes (
                    answer_id TEXT NOT NULL REFERENCES answers (id), user_id TEXT NOT NULL, channel TEXT NOT NULL,
                    value INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (answer_id, user_id));
                INSERT INTO answers VALUES ('old', 'playground', 'c', 'u', 'q', 'q', 'Extractive', '{}', '2026-11-28T10:00:00.0000000+00:00');
                INSERT INTO votes VALUES ('old', 'voter', 'playground', 1, '2026-11-28T10:05:00.0000000+00:00');
                """;
            command.ExecuteNonQuery();
        }

        var store = new SqliteFeedbackStore(Path, new FeedbackOptions(), Clock);

        var vote = Assert.Single(await store.GetVotesAsync("old"));
        Assert.Equal(("voter", VoteValue.Up, (int?)null), (vote.UserId, vote.Value, vote.Citation));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 5, 0, TimeSpan.Zero), vote.At);
        Assert.True(await store.RecordVoteAsync(new Vote("old", "voter", "playground", "c", VoteValue.Down, Clock.GetUtcNow())));
        Assert.Equal(VoteValue.Down, Assert.Single(await store.GetVotesAsync("old")).Value);
        Assert.Equal("old", Assert.Single(await store.LoadVotedAnswersAsync()).AnswerId);
    }

    [Fact]
    public void AFileThatIsNotADatabaseIsReportedAsAStoreFailureNamingTheFile()
    {
        File.WriteAllText(Path, new string('x', 4096));

        var failure = Assert.Throws<FeedbackStoreException>(() => new SqliteFeedbackStore(Path, new FeedbackOptions(), Clock));

        Assert.Contains(Path, failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private protected override (IFeedbackStore Store, IFeedbackHistory History) Open(FeedbackOptions options)
    {
        var store = new SqliteFeedbackStore(Path, options, Clock);
        return (store, store);
    }
}
