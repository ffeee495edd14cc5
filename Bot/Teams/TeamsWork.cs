using Assistant.Bot.Cards;
using Assistant.Rag;

namespace Assistant.Bot.Teams;

/// <summary>An accepted, authenticated activity waiting for the background worker.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Activity">The inbound activity (its serviceUrl was checked against the token).</param>
/// <param name="Turn">The question, for <see cref="TeamsWorkKind.Answer"/>.</param>
/// <param name="Feedback">The vote, for <see cref="TeamsWorkKind.SubmitVote"/>.</param>
internal sealed record TeamsWork(TeamsWorkKind Kind, TeamsActivity Activity, Turn? Turn = null, FeedbackData? Feedback = null)
{
    /// <summary>Work for one conversation runs in arrival order, one item at a time.</summary>
    public string ConversationId => Activity.Conversation!.Id!;
}
