namespace Assistant.Bot.Playground;

/// <summary>The body of <c>POST /api/chat</c>; both fields are required. Who asks is the playground session (its cookie), never the body.</summary>
/// <param name="ConversationId">The page's conversation id, 1 to 128 characters of [A-Za-z0-9._:@-], within the session.</param>
/// <param name="Text">The question, at most 4,000 characters.</param>
internal sealed record ChatRequest(string? ConversationId, string? Text);
