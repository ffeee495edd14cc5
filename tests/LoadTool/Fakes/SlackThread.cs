namespace Assistant.LoadTool.Fakes;

/// <summary>What the bot posted for one question: its placeholders, its updates, and the answer id when one was shown.</summary>
internal sealed class SlackThread
{
    public int Placeholders;
    public int Answers;
    public int Notices;
    public int VoteThanks;
    public string? AnswerId;
    public string? PlaceholderTs;
    public DateTimeOffset? AnsweredAt;
}
