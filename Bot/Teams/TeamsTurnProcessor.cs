using Assistant.Rag;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Teams;

/// <summary>
/// Does the slow part of an accepted activity, after /api/messages has answered 200: asks the engine and replies
/// through the Bot Connector, greets new conversations, records card votes.
/// </summary>
/// <remarks>Thread-safe; the worker calls it for one item of a conversation at a time.</remarks>
internal sealed class TeamsTurnProcessor(
    IAssistant assistant,
    IFeedbackStore feedback,
    TeamsReplyStore replies,
    BotConnectorClient connector,
    TeamsMessageFactory messages,
    TimeProvider timeProvider,
    ILogger<TeamsTurnProcessor> logger)
{
    /// <summary>The note sent while the index is still loading.</summary>
    public const string NotReadyText = "I'm still loading the knowledge base. Please ask again in a minute.";

    /// <summary>The note sent when the engine fails.</summary>
    public const string FailureText = "Sorry, something went wrong while I looked for an answer. Please try again.";

    /// <summary>Handles one item.</summary>
    public Task ProcessAsync(TeamsWork work, CancellationToken cancellationToken) => work.Kind switch
    {
        TeamsWorkKind.Answer => AnswerAsync(work.Activity, work.Turn!, cancellationToken),
        TeamsWorkKind.Welcome => WelcomeAsync(work.Activity, cancellationToken),
        TeamsWorkKind.SubmitVote => SubmitVoteAsync(work, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task AnswerAsync(TeamsActivity activity, Turn turn, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendTypingAsync(activity, cancellationToken).ConfigureAwait(false);
        }
        catch (TeamsFrontEndUnavailableException)
        {
            // The typing indicator is a courtesy; the answer is still worth trying (the failure is already logged).
        }

        if (!assistant.IsReady)
        {
            logger.NotReady(turn.ConversationId);
            await connector.ReplyAsync(activity, messages.Note(activity, NotReadyText), cancellationToken).ConfigureAwait(false);
            return;
        }

        Answer answer;
        try
        {
            answer = await assistant.AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.EngineFailed(turn.ConversationId, e.GetType().Name);
            await connector.ReplyAsync(activity, messages.Note(activity, FailureText), cancellationToken).ConfigureAwait(false);
            return;
        }

        await feedback.RecordAnswerAsync(turn, answer, cancellationToken).ConfigureAwait(false);
        var message = messages.Answer(activity, answer);
        var size = TeamsMessageFactory.MessageBytes(message);
        if (size > TeamsMessageFactory.MaxMessageBytes)
        {
            logger.MessageOverBudget(answer.Id, size);
        }

        var sentId = await connector.ReplyAsync(activity, message, cancellationToken).ConfigureAwait(false);
        if (sentId is null)
        {
            logger.NoActivityId(answer.Id);
        }
        else
        {
            await replies.SaveAsync(turn.ConversationId, sentId, answer, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        logger.AnswerSent(answer.Id, answer.Kind, answer.Citations.Count, turn.ConversationId);
    }

    private async Task WelcomeAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        await connector.SendToConversationAsync(activity, messages.Welcome(activity), cancellationToken).ConfigureAwait(false);
        logger.WelcomeSent(activity.Conversation!.Id!);
    }

    private async Task SubmitVoteAsync(TeamsWork work, CancellationToken cancellationToken)
    {
        var activity = work.Activity;
        var data = work.Feedback!;
        var value = data.Vote == "up" ? VoteValue.Up : VoteValue.Down;
        var recorded = await feedback.RecordVoteAsync(
            new Vote(data.AnswerId, TeamsEndpoints.UserId(activity), TeamsEndpoints.Channel, value, timeProvider.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        if (!recorded)
        {
            logger.UnknownAnswer(data.AnswerId);
            return;
        }

        logger.VoteRecorded(data.AnswerId, value, "Action.Submit");
        var conversationId = activity.Conversation!.Id!;
        var answer = await replies.FindByAnswerAsync(conversationId, data.AnswerId, cancellationToken).ConfigureAwait(false);
        var messageId = activity.ReplyToId ?? await replies.FindActivityIdAsync(conversationId, data.AnswerId, cancellationToken).ConfigureAwait(false);
        if (answer is null || messageId is null)
        {
            return;
        }

        // Redraw the answer with thanks in place of the buttons.
        var update = messages.Answer(activity, answer, value);
        update.Remove("replyToId");
        update["id"] = messageId;
        await connector.UpdateAsync(activity, messageId, update, cancellationToken).ConfigureAwait(false);
    }
}
