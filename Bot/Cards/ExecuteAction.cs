namespace Assistant.Bot.Cards;

/// <summary>
/// A Universal Action: Teams sends it to the bot as an <c>adaptiveCard/action</c> invoke and shows the card the bot answers with.
/// </summary>
/// <param name="Title">The button's label.</param>
/// <param name="Verb">What the bot should do, e.g. "feedback".</param>
/// <param name="Data">The payload sent with the verb.</param>
/// <param name="Fallback">The action hosts without Universal Actions use instead.</param>
internal sealed record ExecuteAction(string Title, string Verb, FeedbackData Data, CardAction? Fallback) : CardAction(Title);
