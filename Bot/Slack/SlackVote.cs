using Assistant.Rag.Feedback;

namespace Assistant.Bot.Slack;

/// <summary>A 👍/👎 click, as the signed block_actions payload told it.</summary>
/// <param name="User">The voter.</param>
/// <param name="AnswerId">The answer voted on (the button's value).</param>
/// <param name="Value">👍 or 👎.</param>
/// <param name="Message">The message clicked in: its conversation binds the vote.</param>
internal sealed record SlackVote(string User, string AnswerId, VoteValue Value, SlackActionMessage Message)
{
    /// <summary>Direct-message conversation ids start with "D"; only there is the voter the only possible voter.</summary>
    public bool IsDirectMessage => Message.Channel?.StartsWith('D') == true;
}
