namespace Assistant.LoadTool.Channels;

/// <summary>One question sent on one channel, the phase it was sent in, and what became of it and of the vote on its answer.</summary>
internal sealed class TrackedQuestion
{
    public required string Channel { get; init; }

    public required string Phase { get; init; }

    /// <summary>The Slack event id, the Teams activity id, or the playground's sequence number.</summary>
    public required string Id { get; init; }

    public required string Conversation { get; init; }

    public required string User { get; init; }

    public required string Text { get; init; }

    /// <summary>The Slack message ts of the question.</summary>
    public string Ts { get; init; } = string.Empty;

    public DateTimeOffset SentAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The response to the question itself (for the playground, the answer).</summary>
    public Outcome? Ack { get; set; }

    /// <summary>The response to a channel retry of the same event or activity, when one was sent.</summary>
    public Outcome? Retry { get; set; }

    /// <summary>The playground's answer id (Slack and Teams answers are read from their fakes).</summary>
    public string? AnswerId { get; set; }

    public string? VotePhase { get; set; }

    public Outcome? Vote { get; set; }
}
