namespace Assistant.Rag.Feedback;

/// <summary>
/// One user's vote on one answer, or on one of its citations. A later vote of the same user on the same answer (and
/// citation) replaces the earlier one.
/// </summary>
/// <param name="AnswerId">The answer voted on.</param>
/// <param name="UserId">The channel's user id.</param>
/// <param name="Channel">"teams", "slack", "playground", …</param>
/// <param name="ConversationId">
/// The conversation the vote came from, as the channel verified it (Teams conversation, Slack channel, playground
/// session conversation). A vote counts only on an answer given in this same channel and conversation.
/// </param>
/// <param name="Value">👍 or 👎.</param>
/// <param name="At">When the vote was cast.</param>
/// <param name="Citation">The citation number voted on, or null for the whole answer (which concerns every cited source).</param>
public sealed record Vote(string AnswerId, string UserId, string Channel, string ConversationId, VoteValue Value, DateTimeOffset At, int? Citation = null);
