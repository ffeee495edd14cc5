namespace Assistant.Bot.Cards;

/// <summary>What a 👍/👎 button sends back: the answer and the vote ("up" or "down").</summary>
/// <param name="AnswerId">The <see cref="Assistant.Rag.Generation.Answer.Id"/> voted on.</param>
/// <param name="Vote">"up" or "down".</param>
internal sealed record FeedbackData(string AnswerId, string Vote);
