namespace Assistant.Bot.Cards;

/// <summary>Sends <paramref name="Data"/> to the bot as a message (Teams) or to the page's handler (playground).</summary>
/// <param name="Title">The button's label.</param>
/// <param name="Data">The payload.</param>
internal sealed record SubmitAction(string Title, FeedbackData Data) : CardAction(Title);
