using Assistant.Rag.Generation;

namespace Assistant.Rag.Feedback;

/// <summary>
/// The <see cref="IFeedbackStore"/> the channels get: the durable store, plus a nudge to <see cref="FeedbackLearning"/>
/// after each stored vote so that the next answer already ranks with it.
/// </summary>
/// <remarks>Thread-safe as the inner store is.</remarks>
public sealed class LearningFeedbackStore : IFeedbackStore
{
    private readonly IFeedbackStore _inner;
    private readonly FeedbackLearning _learning;

    public LearningFeedbackStore(IFeedbackStore inner, FeedbackLearning learning)
    {
        _inner = inner;
        _learning = learning;
    }

    /// <inheritdoc />
    public Task RecordAnswerAsync(Turn turn, Answer answer, CancellationToken cancellationToken = default) =>
        _inner.RecordAnswerAsync(turn, answer, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RecordVoteAsync(Vote vote, CancellationToken cancellationToken = default)
    {
        var recorded = await _inner.RecordVoteAsync(vote, cancellationToken).ConfigureAwait(false);
        if (recorded)
        {
            _learning.Invalidate();
        }

        return recorded;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Vote>> GetVotesAsync(string answerId, CancellationToken cancellationToken = default) =>
        _inner.GetVotesAsync(answerId, cancellationToken);
}
