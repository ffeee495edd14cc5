using Assistant.Rag.Generation;

namespace Assistant.Rag.Feedback;

/// <summary>Durable record of answers sent and the votes they received.</summary>
/// <remarks>Thread-safe. Writes are durable when the returned task completes.</remarks>
public interface IFeedbackStore
{
    /// <summary>Records an answer as sent for a turn; idempotent by <see cref="Answer.Id"/>.</summary>
    Task RecordAnswerAsync(Turn turn, Answer answer, CancellationToken cancellationToken = default);

    /// <summary>Records a vote. Returns false (and stores nothing) when the answer is unknown.</summary>
    Task<bool> RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default);

    /// <summary>The current votes on an answer, one per user.</summary>
    Task<IReadOnlyList<Vote>> GetVotesAsync(string answerId, CancellationToken cancellationToken = default);
}
