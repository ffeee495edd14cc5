using Assistant.Rag.Feedback;

namespace Assistant.Rag.Tests.Feedback;

/// <summary>The contract against a real PostgreSQL server; each test gets a schema of its own.</summary>
public sealed class PostgresFeedbackStoreTests(PostgresServer server) : FeedbackStoreContractTests, IClassFixture<PostgresServer>, IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await server.CreateSchemaAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnUnreachableServerIsReportedAsAStoreFailureNamingTheOperation()
    {
        var store = new PostgresFeedbackStore("Host=127.0.0.1;Port=1;Username=nobody;Timeout=2", new FeedbackOptions(), Clock);

        var failure = await Assert.ThrowsAsync<FeedbackStoreException>(() => store.RecordVoteAsync(new Vote("a", "u", "teams", "c", VoteValue.Up, Clock.GetUtcNow())));

        Assert.Contains("recording a vote", failure.Message, StringComparison.Ordinal);
        await store.DisposeAsync();
    }

    private protected override (IFeedbackStore Store, IFeedbackHistory History) Open(FeedbackOptions options)
    {
        var store = new PostgresFeedbackStore(_connectionString, options, Clock);
        return (store, store);
    }
}
