namespace Assistant.Bot.Playground;

/// <summary>The body of <c>POST /api/feedback</c>; every field but <paramref name="Citation"/> is required.</summary>
/// <param name="AnswerId">The answer voted on.</param>
/// <param name="UserId">The browser's user id.</param>
/// <param name="Vote">"up" or "down".</param>
/// <param name="Citation">The citation number voted on; absent for a vote on the whole answer.</param>
internal sealed record FeedbackRequest(string? AnswerId, string? UserId, string? Vote, int? Citation = null);
