namespace Assistant.Rag;

/// <summary>
/// One user message, as every channel (Teams, Slack, playground, command line) hands it to the engine.
/// </summary>
/// <param name="Channel">"teams", "slack", "playground" or "cli".</param>
/// <param name="ConversationId">The channel's conversation id (Teams conversation, Slack channel, playground session).</param>
/// <param name="UserId">The channel's user id (a Teams aadObjectId, a Slack user id).</param>
/// <param name="Text">The question, with the bot's own mention already removed.</param>
/// <param name="UserName">Display name, when the channel gives one.</param>
/// <param name="ThreadId">Thread inside the conversation (Slack thread_ts, Teams reply chain), or null.</param>
/// <param name="TenantId">Tenant or workspace, or null.</param>
/// <param name="Asker">Who is asking, as the channel established it; null (unknown) is answered from public documents only.</param>
public sealed record Turn(
    string Channel,
    string ConversationId,
    string UserId,
    string Text,
    string? UserName = null,
    string? ThreadId = null,
    string? TenantId = null,
    Access.Asker? Asker = null);
