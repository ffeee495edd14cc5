using Assistant.Bot.Cards.BlockKit;
using Assistant.Rag;
using Assistant.Rag.Feedback;

namespace Assistant.Bot.Slack;

/// <summary>
/// Answers one Slack question in its thread: posts "Searching…" at once, asks the engine, records the answer for
/// feedback, then updates the placeholder in place with the Block Kit answer.
/// </summary>
/// <remarks>Thread-safe; runs on <see cref="SlackWorker"/>.</remarks>
internal sealed class SlackAnswerer
{
    /// <summary>The <see cref="Turn.Channel"/> of Slack turns and votes.</summary>
    public const string Channel = "slack";

    private readonly IAssistant _assistant;
    private readonly IFeedbackStore _feedback;
    private readonly SlackApiClient _client;
    private readonly SlackBotIdentity _identity;
    private readonly BlockKitRenderer _renderer;
    private readonly ILogger<SlackAnswerer> _logger;

    public SlackAnswerer(
        IAssistant assistant,
        IFeedbackStore feedback,
        SlackApiClient client,
        SlackBotIdentity identity,
        BlockKitRenderer renderer,
        ILogger<SlackAnswerer> logger)
    {
        _assistant = assistant;
        _feedback = feedback;
        _client = client;
        _identity = identity;
        _renderer = renderer;
        _logger = logger;
    }

    /// <summary>Answers <paramref name="question"/>; Web API failures surface as <see cref="SlackApiException"/>.</summary>
    public async Task AnswerAsync(SlackQuestion question, CancellationToken cancellationToken)
    {
        var ev = question.Event;
        var botUserId = await _identity.ResolveAsync(ev.BotUserId, cancellationToken).ConfigureAwait(false);

        // Checked again now that the bot's id is surely known: an event without authorizations may be its own.
        if (SlackEventRules.IgnoreReason(ev, botUserId) is { } reason)
        {
            SlackLog.EventIgnored(_logger, ev.EventId, ev.EventType, reason);
            return;
        }

        var turn = new Turn(
            Channel,
            ConversationId: ev.Channel!,
            UserId: ev.User!,
            Text: SlackMessageText.ToQuestion(ev.Text, botUserId),
            ThreadId: question.ThreadTs,
            TenantId: ev.TeamId);
        SlackLog.Question(_logger, turn.ConversationId, turn.UserId, turn.Text);

        var placeholder = await _client.PostMessageAsync(turn.ConversationId, question.ThreadTs, _renderer.RenderSearching(), cancellationToken).ConfigureAwait(false);
        if (!_assistant.IsReady)
        {
            SlackLog.NotReady(_logger, turn.ConversationId);
            await _client.UpdateMessageAsync(
                turn.ConversationId,
                placeholder,
                _renderer.RenderNotice("I'm still loading the knowledge base. Please ask again in a minute."),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        Rag.Generation.Answer answer;
        try
        {
            answer = await _assistant.AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
            await _feedback.RecordAnswerAsync(turn, answer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The user sees that the question failed instead of a "Searching…" that never ends.
            SlackLog.AnswerFailed(_logger, e, ev.EventId);
            await _client.UpdateMessageAsync(
                turn.ConversationId,
                placeholder,
                _renderer.RenderNotice("Sorry, something went wrong while I was answering. Please try again."),
                CancellationToken.None).ConfigureAwait(false);
            return;
        }

        await _client.UpdateMessageAsync(turn.ConversationId, placeholder, _renderer.Render(answer), cancellationToken).ConfigureAwait(false);
        SlackLog.AnswerSent(_logger, answer.Id, turn.ConversationId, answer.Kind, answer.Citations.Count);
    }
}
