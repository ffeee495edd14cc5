using Assistant.Bot.Cards;
using Assistant.Bot.Cards.BlockKit;
using Assistant.Bot.Channels;

namespace Assistant.Bot.Slack;

/// <summary>
/// One Slack turn's way back: "Searching…" in the thread at once, then that message updated in place with the
/// answer or a notice (or, when the placeholder could not be posted, the answer posted on its own).
/// </summary>
internal sealed class SlackReply(string channel, string threadTs, SlackApiClient client, BlockKitRenderer renderer) : IChannelReply<SlackMessage>
{
    private string? _placeholder;

    public string Channel => ChannelNames.Slack;

    public async Task BeginAsync(CancellationToken cancellationToken) =>
        _placeholder = await client.PostMessageAsync(channel, threadTs, renderer.RenderSearching(), cancellationToken).ConfigureAwait(false);

    public Task SendNoticeAsync(string text, CancellationToken cancellationToken) => DeliverAsync(renderer.RenderNotice(text), cancellationToken);

    public SlackMessage Render(AnswerView view) => renderer.Render(view);

    public Task SendAsync(AnswerView view, SlackMessage message, CancellationToken cancellationToken) => DeliverAsync(message, cancellationToken);

    private Task DeliverAsync(SlackMessage message, CancellationToken cancellationToken) => _placeholder is null
        ? client.PostMessageAsync(channel, threadTs, message, cancellationToken)
        : client.UpdateMessageAsync(channel, _placeholder, message, cancellationToken);
}
