namespace Assistant.Bot.Playground;

/// <summary>The body of <c>POST /api/feedback</c>; every field is required.</summary>
/// <param name="AnswerId">The answer voted on.</param>
/// <param name="UserId">The browser's user id.</param>
/// <param name="Vote">"up" or "down".</param>
internal sealed record FeedbackRequest(string? AnswerId, string? UserId, string? Vote);
