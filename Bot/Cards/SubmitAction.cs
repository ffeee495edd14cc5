namespace Assistant.Bot.Cards;

/// <summary>Sends <paramref name="Data"/> to the bot as a message (Teams) or to the page's handler (playground).</summary>
/// <param name="Title">The button's label.</param>
/// <param name="Data">The payload: <see cref="FeedbackData"/> for a vote, <see cref="AskData"/> for a suggested question.</param>
internal sealed record SubmitAction(string Title, object Data) : CardAction(Title);
