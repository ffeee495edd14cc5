using Assistant.Rag.Generation;

namespace Assistant.Rag.Feedback;

/// <summary>Durable record of answers sent and the votes they received.</summary>
/// <remarks>Thread-safe. Writes are durable when the returned task completes.</remarks>
public interface IFeedbackStore
{
    /// <summary>
    /// Records an answer as sent for a turn, with its <see cref="Answer.Evidence"/> and question embedding; idempotent by
    /// <see cref="Answer.Id"/> (the first record wins).
    /// </summary>
    /// <exception cref="FeedbackStoreException">The store could not be written.</exception>
    Task RecordAnswerAsync(Turn turn, Answer answer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a vote; a later vote of the same user on the same answer and citation replaces the earlier one. Returns
    /// false (and stores nothing) when the answer is unknown, too old to vote on, has no such citation, or was not
    /// given in the vote's <see cref="Vote.Channel"/> and <see cref="Vote.ConversationId"/> (a vote is bound to the
    /// conversation that was answered, so nobody can vote on answers given to others).
    /// </summary>
    /// <exception cref="FeedbackStoreException">The store could not be written.</exception>
    Task<bool> RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default);

    /// <summary>The current votes on an answer, one per user.</summary>
    Task<IReadOnlyList<Vote>> GetVotesAsync(string answerId, CancellationToken cancellationToken = default);
}
