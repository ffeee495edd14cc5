using Assistant.Bot.Cards;
using Assistant.Bot.Channels;
using Assistant.Rag;
using Assistant.Rag.Feedback;

namespace Assistant.Bot.Teams;

/// <summary>
/// The slow part of an accepted activity, run on the channel queue after /api/messages has answered 200: answers
/// a question through the <see cref="ChannelPipeline"/>, greets a conversation, records an Action.Submit vote.
/// </summary>
/// <remarks>Thread-safe; the queue runs one item of a conversation at a time.</remarks>
internal sealed class TeamsResponder(
    ChannelPipeline pipeline,
    VoteRecorder votes,
    TeamsReplyStore replies,
    BotConnectorClient connector,
    TeamsMessageFactory messages,
    TimeProvider time,
    ILogger<TeamsResponder> logger)
{
    /// <summary>Answers <paramref name="turn"/>, asked in <paramref name="activity"/>.</summary>
    public Task AnswerAsync(TeamsActivity activity, Turn turn, CancellationToken cancellationToken) =>
        pipeline.AnswerAsync(turn, new TeamsReply(activity, connector, messages, replies, time, logger), cancellationToken);

    /// <summary>Sends the welcome card to the activity's conversation.</summary>
    public async Task WelcomeAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        await connector.SendToConversationAsync(activity, messages.Welcome(activity), cancellationToken).ConfigureAwait(false);
        logger.WelcomeSent(activity.Conversation!.Id!);
    }

    /// <summary>Replies with a plain note (a vote that could not be recorded, "slow down").</summary>
    public Task NoteAsync(TeamsActivity activity, string text, CancellationToken cancellationToken) =>
        connector.ReplyAsync(activity, messages.Note(activity, text), cancellationToken);

    /// <summary>Records a vote from an Action.Submit card button and redraws the card with thanks.</summary>
    public async Task SubmitVoteAsync(TeamsActivity activity, FeedbackData data, CancellationToken cancellationToken)
    {
        var value = data.Vote == "up" ? VoteValue.Up : VoteValue.Down;
        var conversationId = activity.Conversation!.Id!;
        var outcome = await votes.RecordAsync(ChannelNames.Teams, conversationId, TeamsEndpoints.UserId(activity), data.AnswerId, value, null, cancellationToken).ConfigureAwait(false);
        if (outcome != VoteOutcome.Recorded)
        {
            await NoteAsync(activity, outcome == VoteOutcome.StoreUnavailable ? ChannelTexts.VoteNotRecorded : ChannelTexts.VoteUnknownAnswer, cancellationToken).ConfigureAwait(false);
            return;
        }

        var answer = await replies.FindByAnswerAsync(conversationId, data.AnswerId, cancellationToken).ConfigureAwait(false);
        var messageId = activity.ReplyToId ?? await replies.FindActivityIdAsync(conversationId, data.AnswerId, cancellationToken).ConfigureAwait(false);
        if (answer is null || messageId is null)
        {
            return;
        }

        // Redraw the answer with thanks in place of the buttons.
        var update = messages.Answer(activity, AnswerView.From(answer), value);
        update.Remove("replyToId");
        update["id"] = messageId;
        await connector.UpdateAsync(activity, messageId, update, cancellationToken).ConfigureAwait(false);
    }
}
