namespace Assistant.Rag.Feedback;

/// <summary>One user's vote on one answer. A later vote of the same user on the same answer replaces the earlier one.</summary>
public sealed record Vote(string AnswerId, string UserId, string Channel, VoteValue Value, DateTimeOffset At);
