using System.Text.Json.Nodes;
using Assistant.Bot.Cards;
using Assistant.Bot.Channels;

namespace Assistant.Bot.Teams;

/// <summary>
/// One Teams turn's way back: typing first, then the answer (or a note) as a reply to the question, and the sent
/// message's id kept with its answer so Teams' feedback buttons and card actions can find it.
/// </summary>
internal sealed class TeamsReply(
    TeamsActivity activity,
    BotConnectorClient connector,
    TeamsMessageFactory messages,
    TeamsReplyStore replies,
    TimeProvider time,
    ILogger logger) : IChannelReply<JsonObject>
{
    public string Channel => ChannelNames.Teams;

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendTypingAsync(activity, cancellationToken).ConfigureAwait(false);
        }
        catch (TeamsFrontEndUnavailableException)
        {
            // Already logged by the connector; the answer is still worth trying.
        }
    }

    public Task SendNoticeAsync(string text, CancellationToken cancellationToken) =>
        connector.ReplyAsync(activity, messages.Note(activity, text), cancellationToken);

    public JsonObject Render(AnswerView view) => messages.Answer(activity, view);

    public async Task SendAsync(AnswerView view, JsonObject message, CancellationToken cancellationToken)
    {
        var size = TeamsMessageFactory.MessageBytes(message);
        if (size > TeamsMessageFactory.MaxMessageBytes)
        {
            logger.MessageOverBudget(view.Answer.Id, size);
        }

        var sentId = await connector.ReplyAsync(activity, message, cancellationToken).ConfigureAwait(false);
        if (sentId is null)
        {
            logger.NoActivityId(view.Answer.Id);
            return;
        }

        await replies.SaveAsync(activity.Conversation!.Id!, sentId, view.Answer, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}
