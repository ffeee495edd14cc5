using Assistant.Bot.Cards.BlockKit;
using Assistant.Bot.Channels;
using Assistant.Rag;

namespace Assistant.Bot.Slack;

/// <summary>Answers one Slack question in its thread through the <see cref="ChannelPipeline"/>.</summary>
/// <remarks>Thread-safe; runs on the channel queue.</remarks>
internal sealed class SlackAnswerer(
    ChannelPipeline pipeline,
    SlackApiClient client,
    SlackBotIdentity identity,
    BlockKitRenderer renderer,
    ILogger<SlackAnswerer> logger)
{
    /// <summary>Answers <paramref name="question"/>; Web API failures surface as <see cref="SlackApiException"/>.</summary>
    public async Task AnswerAsync(SlackQuestion question, CancellationToken cancellationToken)
    {
        var ev = question.Event;
        var botUserId = await identity.ResolveAsync(ev.BotUserId, cancellationToken).ConfigureAwait(false);

        // Checked again now that the bot's id is surely known: an event without authorizations may be its own.
        if (SlackEventRules.IgnoreReason(ev, botUserId) is { } reason)
        {
            SlackLog.EventIgnored(logger, ev.EventId, ev.EventType, reason);
            return;
        }

        var turn = new Turn(
            ChannelNames.Slack,
            ConversationId: ev.Channel!,
            UserId: ev.User!,
            Text: SlackMessageText.ToQuestion(ev.Text, botUserId),
            ThreadId: question.ThreadTs,
            TenantId: ev.TeamId);
        SlackLog.Question(logger, turn.ConversationId, turn.UserId, turn.Text);
        await pipeline.AnswerAsync(turn, new SlackReply(turn.ConversationId, question.ThreadTs, client, renderer), cancellationToken).ConfigureAwait(false);
    }
}
