namespace Assistant.Rag.Feedback;

/// <summary>The read side of the feedback store that learning uses, and the admin reset.</summary>
/// <remarks>Thread-safe. Implemented by the same stores as <see cref="IFeedbackStore"/>.</remarks>
public interface IFeedbackHistory
{
    /// <summary>
    /// Every answer with at least one vote cast after the last <see cref="ResetLearningAsync"/>, with its evidence and
    /// those votes. Empty when nothing was voted on.
    /// </summary>
    /// <exception cref="FeedbackStoreException">The store could not be read.</exception>
    Task<IReadOnlyList<VotedAnswer>> LoadVotedAnswersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every vote cast after the last <see cref="ResetLearningAsync"/> on an answer a structured route wrote from a query,
    /// on the whole answer or on its table (citation [1]), with the question, route, source, query and example. The
    /// routes learn their examples from these.
    /// </summary>
    /// <exception cref="FeedbackStoreException">The store could not be read.</exception>
    Task<IReadOnlyList<QueryVote>> LoadQueryVotesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes learning forget every vote cast up to <paramref name="at"/>. The votes stay stored (for analytics); only
    /// learning ignores them. Returns how many votes were set aside.
    /// </summary>
    /// <exception cref="FeedbackStoreException">The store could not be written.</exception>
    Task<int> ResetLearningAsync(DateTimeOffset at, CancellationToken cancellationToken = default);
}
