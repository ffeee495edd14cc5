namespace Assistant.LoadTool.Fakes;

/// <summary>What the bot sent in reply to one inbound activity: typing indicators, answers (with their ids) and notes.</summary>
internal sealed class TeamsReplies
{
    public int Typing;
    public int Answers;
    public int Notes;
    public string? AnswerId;
    public string? ReplyActivityId;
    public DateTimeOffset? AnsweredAt;
}
