namespace Assistant.Bot.Channels;

/// <summary>One accepted piece of channel work (answer a question, greet, acknowledge a vote), run by <see cref="ChannelWorker"/>.</summary>
/// <param name="Channel">The channel it came from, for logs and metrics.</param>
/// <param name="Kind">What it is ("answer", "welcome", "vote", "notice"), for logs and metrics.</param>
/// <param name="ConversationKey">Items of one conversation run one at a time, in the order they were accepted.</param>
/// <param name="ClaimKey">The de-duplication claim taken for the delivery, released when the work cannot be finished; null when none.</param>
/// <param name="RunAsync">The work itself; the token is cancelled when shutdown gives up on it.</param>
internal sealed record ChannelWork(string Channel, string Kind, string ConversationKey, string? ClaimKey, Func<CancellationToken, Task> RunAsync);
