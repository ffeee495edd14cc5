namespace Assistant.Bot.Playground;

/// <summary>The body of <c>POST /api/feedback</c>; every field but <paramref name="Citation"/> is required. The voter is the playground session (its cookie).</summary>
/// <param name="AnswerId">The answer voted on.</param>
/// <param name="ConversationId">The conversation it was given in: a vote counts only on an answer of the voter's own session and conversation.</param>
/// <param name="Vote">"up" or "down".</param>
/// <param name="Citation">The citation number voted on; absent for a vote on the whole answer.</param>
internal sealed record FeedbackRequest(string? AnswerId, string? ConversationId, string? Vote, int? Citation = null);
