using Assistant.Bot.Cards;

namespace Assistant.Bot.Channels;

/// <summary>
/// How one turn's reply reaches the user in its channel: what <see cref="ChannelPipeline"/> asks of a channel. The
/// pipeline decides what is sent and when; the channel only renders and delivers.
/// </summary>
/// <typeparam name="TMessage">The channel's rendered message (an activity, Block Kit, a JSON response).</typeparam>
internal interface IChannelReply<TMessage>
{
    /// <summary>The channel's name (<see cref="ChannelNames"/>).</summary>
    string Channel { get; }

    /// <summary>Shows that the bot is at work (Teams' typing indicator, Slack's "Searching…"); a failure here costs nothing but the courtesy.</summary>
    Task BeginAsync(CancellationToken cancellationToken);

    /// <summary>Sends a short notice in place of an answer (<see cref="ChannelTexts"/>).</summary>
    Task SendNoticeAsync(string text, CancellationToken cancellationToken);

    /// <summary>Renders the answer in the channel's format.</summary>
    TMessage Render(AnswerView view);

    /// <summary>Delivers the rendered answer.</summary>
    Task SendAsync(AnswerView view, TMessage message, CancellationToken cancellationToken);
}
