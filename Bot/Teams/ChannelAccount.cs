namespace Assistant.Bot.Teams;

/// <summary>A user or bot in a Bot Framework activity (<c>from</c>, <c>recipient</c>, <c>membersAdded</c>).</summary>
/// <param name="Id">The channel id: a Teams user MRI ("29:…") or the bot ("28:&lt;appId&gt;").</param>
/// <param name="Name">Display name, when given.</param>
/// <param name="AadObjectId">The user's Entra object id, when given.</param>
internal sealed record ChannelAccount(string? Id, string? Name = null, string? AadObjectId = null);
