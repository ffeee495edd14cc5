namespace Assistant.Bot.Channels;

/// <summary>What became of a vote.</summary>
internal enum VoteOutcome
{
    /// <summary>Stored; it counts.</summary>
    Recorded,

    /// <summary>Refused: the answer is unknown, too old, or was not given in the vote's conversation.</summary>
    UnknownAnswer,

    /// <summary>The feedback store could not be reached; nothing was stored.</summary>
    StoreUnavailable,
}
