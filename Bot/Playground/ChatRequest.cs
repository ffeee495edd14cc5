namespace Assistant.Bot.Playground;

/// <summary>The body of <c>POST /api/chat</c>; every field is required.</summary>
/// <param name="ConversationId">The page's session id, 1 to 128 characters of [A-Za-z0-9._:@-].</param>
/// <param name="UserId">The browser's user id, same rule.</param>
/// <param name="Text">The question, at most 4,000 characters.</param>
internal sealed record ChatRequest(string? ConversationId, string? UserId, string? Text);
