namespace Assistant.Bot.Slack;

/// <summary>A message only one user sees (chat.postEphemeral), e.g. that a vote could not be recorded.</summary>
/// <param name="Channel">The conversation.</param>
/// <param name="User">The one user who sees it.</param>
/// <param name="ThreadTs">The thread, or null.</param>
/// <param name="Text">Plain text.</param>
internal sealed record SlackNotice(string Channel, string User, string? ThreadTs, string Text) : SlackWorkItem;
