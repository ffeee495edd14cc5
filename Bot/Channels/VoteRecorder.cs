using Assistant.Bot.Hosting;
using Assistant.Rag.Feedback;

namespace Assistant.Bot.Channels;

/// <summary>
/// Records a vote for every channel the same way: bound to the channel and conversation that was answered (the
/// store refuses a vote from anywhere else), and a store that is down is an outcome to tell the voter about, never
/// an exception that reaches the channel.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class VoteRecorder(IFeedbackStore store, AnswerRecorder answers, QueryVoteTeacher teacher, TimeProvider time, ILogger<VoteRecorder> logger)
{
    /// <summary>Records a vote cast now by <paramref name="userId"/> in <paramref name="conversationId"/>, both as the channel verified them.</summary>
    public async Task<VoteOutcome> RecordAsync(
        string channel,
        string conversationId,
        string userId,
        string answerId,
        VoteValue value,
        int? citation,
        CancellationToken cancellationToken)
    {
        using var activity = BotTelemetry.ActivitySource.StartActivity("vote");
        activity?.SetTag("assistant.channel", channel);
        VoteOutcome outcome;
        try
        {
            // A click quicker than the answer's own record (it is written beside the reply) waits for it.
            await answers.WhenRecordedAsync(answerId, cancellationToken).ConfigureAwait(false);
            var vote = new Vote(answerId, userId, channel, conversationId, value, time.GetUtcNow(), citation);
            outcome = await store.RecordVoteAsync(vote, cancellationToken).ConfigureAwait(false) ? VoteOutcome.Recorded : VoteOutcome.UnknownAnswer;
        }
        catch (FeedbackStoreException exception)
        {
            Log.StoreFailed(logger, answerId, channel, exception.GetType().Name);
            outcome = VoteOutcome.StoreUnavailable;
        }

        activity?.SetTag("assistant.vote.outcome", outcome.ToString());
        ChannelMetrics.Vote(channel, outcome);
        if (outcome == VoteOutcome.Recorded)
        {
            Log.Recorded(logger, answerId, channel, value);
            await teacher.TeachAsync(answerId, userId, value, cancellationToken).ConfigureAwait(false);
        }
        else if (outcome == VoteOutcome.UnknownAnswer)
        {
            Log.Unknown(logger, answerId, channel);
        }

        return outcome;
    }

    /// <summary>The votes on an answer, or null when the store cannot say.</summary>
    public async Task<IReadOnlyList<Vote>?> TryGetVotesAsync(string answerId, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetVotesAsync(answerId, cancellationToken).ConfigureAwait(false);
        }
        catch (FeedbackStoreException exception)
        {
            Log.StoreFailed(logger, answerId, "-", exception.GetType().Name);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "Vote on answer {AnswerId} ({Channel}) recorded: {Value}")]
        public static partial void Recorded(ILogger logger, string answerId, string channel, VoteValue value);

        [LoggerMessage(EventId = 3121, Level = LogLevel.Information, Message = "Vote on answer {AnswerId} ({Channel}) refused: no such answer in this conversation, or too old")]
        public static partial void Unknown(ILogger logger, string answerId, string channel);

        [LoggerMessage(EventId = 3122, Level = LogLevel.Warning, Message = "The feedback store failed on answer {AnswerId} ({Channel}, {ErrorType}); the voter is told the vote was not recorded")]
        public static partial void StoreFailed(ILogger logger, string answerId, string channel, string errorType);
    }
}
