using Assistant.Rag;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Tests.Telemetry;

/// <summary>A feedback store whose server is gone: every call fails as the real stores fail (FeedbackStoreException).</summary>
internal sealed class UnreachableFeedbackStore : IFeedbackStore
{
    public Task RecordAnswerAsync(Turn turn, Answer answer, CancellationToken cancellationToken = default) => throw Down();

    public Task<bool> RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default) => throw Down();

    public Task<IReadOnlyList<Vote>> GetVotesAsync(string answerId, CancellationToken cancellationToken = default) => throw Down();

    private static FeedbackStoreException Down() => new("Reading votes failed: connection refused (db.internal:5432).");
}
