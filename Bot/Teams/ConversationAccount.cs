namespace Assistant.Bot.Teams;

/// <summary>The conversation of an activity.</summary>
/// <param name="Id">The conversation id; in a channel it ends in ";messageid=&lt;root&gt;" for the reply chain.</param>
/// <param name="ConversationType">"personal", "groupChat" or "channel".</param>
/// <param name="TenantId">The tenant, when given here rather than in channelData.</param>
internal sealed record ConversationAccount(string? Id, string? ConversationType = null, string? TenantId = null);
