using System.Text.Json.Nodes;
using Assistant.Rag.Feedback;

namespace Assistant.Bot.Slack;

/// <summary>A recorded vote, to acknowledge in the answer message.</summary>
/// <param name="Channel">The message's conversation.</param>
/// <param name="MessageTs">The answer message.</param>
/// <param name="MessageText">The message's fallback text, kept as it is.</param>
/// <param name="Blocks">The message's blocks as the payload carried them.</param>
/// <param name="AnswerId">The answer voted on.</param>
/// <param name="Vote">The vote.</param>
internal sealed record SlackVoteAcknowledgement(
    string Channel,
    string MessageTs,
    string MessageText,
    JsonArray Blocks,
    string AnswerId,
    VoteValue Vote) : SlackWorkItem
{
    /// <summary>Direct-message conversation ids start with "D"; only there is the voter the only possible voter.</summary>
    public bool IsDirectMessage => Channel.StartsWith('D');
}
