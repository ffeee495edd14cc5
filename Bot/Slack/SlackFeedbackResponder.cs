using Assistant.Bot.Cards.BlockKit;
using Assistant.Bot.Channels;

namespace Assistant.Bot.Slack;

/// <summary>
/// Records a 👍/👎 click and tells the voter what became of it: the answer message updated with thanks (and, in
/// channels, the tally), or a notice only the voter sees when the vote could not be recorded.
/// </summary>
/// <remarks>Thread-safe; runs on the channel queue.</remarks>
internal sealed class SlackFeedbackResponder(VoteRecorder votes, SlackApiClient client, BlockKitRenderer renderer, ILogger<SlackFeedbackResponder> logger)
{
    /// <summary>Records <paramref name="vote"/> and acknowledges it.</summary>
    public async Task VoteAsync(SlackVote vote, CancellationToken cancellationToken)
    {
        var message = vote.Message;
        var channel = message.Channel!;
        var outcome = await votes.RecordAsync(ChannelNames.Slack, channel, vote.User, vote.AnswerId, vote.Value, null, cancellationToken).ConfigureAwait(false);
        if (outcome != VoteOutcome.Recorded)
        {
            await NotifyAsync(vote, outcome == VoteOutcome.StoreUnavailable ? ChannelTexts.VoteNotRecorded : ChannelTexts.VoteUnknownAnswer, cancellationToken).ConfigureAwait(false);
            return;
        }

        var tally = await votes.TryGetVotesAsync(vote.AnswerId, cancellationToken).ConfigureAwait(false);
        if (message is not { Ts: { } ts, Blocks: { } blocks } || tally is null)
        {
            // Nothing to redraw (or no tally to show): thank the voter alone.
            SlackLog.InteractionIgnored(logger, "block_actions", "the vote was recorded; the message is not updated");
            await NotifyAsync(vote, ChannelTexts.Thanks(vote.Value), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (BlockKitRenderer.MalformedBlocks(blocks) is var malformed and > 0)
        {
            SlackLog.MalformedBlocksDropped(logger, vote.AnswerId, malformed);
        }

        var updated = renderer.AcknowledgeVote(blocks, vote.Value, [.. tally], keepButtons: !vote.IsDirectMessage);
        await client.UpdateMessageAsync(channel, ts, message.Text, updated, cancellationToken).ConfigureAwait(false);
    }

    private Task NotifyAsync(SlackVote vote, string text, CancellationToken cancellationToken) =>
        client.PostEphemeralAsync(vote.Message.Channel!, vote.User, vote.Message.ThreadTs, text, cancellationToken);
}
