using Assistant.Bot.Cards.BlockKit;
using Assistant.Rag.Feedback;

namespace Assistant.Bot.Slack;

/// <summary>Tells the voter that the vote counted: updates the answer message, or sends a notice only they see.</summary>
/// <remarks>Thread-safe; runs on <see cref="SlackWorker"/>.</remarks>
internal sealed class SlackFeedbackResponder
{
    private readonly IFeedbackStore _feedback;
    private readonly SlackApiClient _client;
    private readonly BlockKitRenderer _renderer;
    private readonly ILogger<SlackFeedbackResponder> _logger;

    public SlackFeedbackResponder(IFeedbackStore feedback, SlackApiClient client, BlockKitRenderer renderer, ILogger<SlackFeedbackResponder> logger)
    {
        _feedback = feedback;
        _client = client;
        _renderer = renderer;
        _logger = logger;
    }

    /// <summary>Replaces the buttons with thanks (direct messages) or adds thanks and the tally under them (channels).</summary>
    public async Task AcknowledgeAsync(SlackVoteAcknowledgement acknowledgement, CancellationToken cancellationToken)
    {
        var votes = await _feedback.GetVotesAsync(acknowledgement.AnswerId, cancellationToken).ConfigureAwait(false);
        if (BlockKitRenderer.MalformedBlocks(acknowledgement.Blocks) is var malformed and > 0)
        {
            SlackLog.MalformedBlocksDropped(_logger, acknowledgement.AnswerId, malformed);
        }

        var blocks = _renderer.AcknowledgeVote(acknowledgement.Blocks, acknowledgement.Vote, [.. votes], keepButtons: !acknowledgement.IsDirectMessage);
        await _client.UpdateMessageAsync(acknowledgement.Channel, acknowledgement.MessageTs, acknowledgement.MessageText, blocks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the notice.</summary>
    public Task NotifyAsync(SlackNotice notice, CancellationToken cancellationToken) =>
        _client.PostEphemeralAsync(notice.Channel, notice.User, notice.ThreadTs, notice.Text, cancellationToken);
}
