using Assistant.Rag.Generation;

namespace Assistant.Bot.Channels;

/// <summary>How a turn ended.</summary>
/// <param name="Answer">The answer sent; null when a notice was sent instead.</param>
/// <param name="Notice">The notice sent in place of an answer (<see cref="ChannelTexts"/>); null when answered.</param>
internal sealed record TurnOutcome(Answer? Answer, string? Notice)
{
    /// <summary>True while the index was still loading.</summary>
    public bool NotReady => Notice == ChannelTexts.NotReady;
}
