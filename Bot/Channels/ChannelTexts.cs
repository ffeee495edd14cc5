namespace Assistant.Bot.Channels;

/// <summary>The fixed texts every channel shows, written once.</summary>
internal static class ChannelTexts
{
    /// <summary>Sent in place of an answer while the index is still loading.</summary>
    public const string NotReady = "I'm still loading the knowledge base. Please ask again in a minute.";

    /// <summary>Sent in place of an answer when the engine failed.</summary>
    public const string Failure = "Sorry, something went wrong while I looked for an answer. Please try again.";

    /// <summary>A vote that the feedback store could not take.</summary>
    public const string VoteNotRecorded = "Sorry, I couldn't record your vote right now. Please try again in a moment.";

    /// <summary>A vote on an answer the store does not know (too old, or not given in this conversation).</summary>
    public const string VoteUnknownAnswer = "Sorry, I couldn't record your vote: I no longer know that answer.";

    /// <summary>A question refused by the fair-use limits.</summary>
    public const string SlowDown = "You're asking faster than I can answer. Please wait a moment and ask again.";

    /// <summary>Thanks for a 👍 or a 👎.</summary>
    public static string Thanks(Rag.Feedback.VoteValue vote) => vote == Rag.Feedback.VoteValue.Up
        ? "👍 Thanks for the feedback!"
        : "👎 Thanks for the feedback: it helps us improve the answers.";
}
