using Assistant.Bot.Cards;
using Assistant.Bot.Channels;

namespace Assistant.Bot.Playground;

/// <summary>A playground turn's reply: the JSON response of <c>POST /api/chat</c>, kept for the endpoint to return.</summary>
internal sealed class PlaygroundReply(AdaptiveCardRenderer renderer) : IChannelReply<ChatResponse>
{
    /// <summary>The answer's response; null when a notice was sent instead.</summary>
    public ChatResponse? Response { get; private set; }

    public string Channel => ChannelNames.Playground;

    public Task BeginAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The endpoint turns the notice into a problem response.
    public Task SendNoticeAsync(string text, CancellationToken cancellationToken) => Task.CompletedTask;

    public ChatResponse Render(AnswerView view) => ChatResponse.From(view.Answer, renderer);

    public Task SendAsync(AnswerView view, ChatResponse message, CancellationToken cancellationToken)
    {
        Response = message;
        return Task.CompletedTask;
    }
}
