namespace Assistant.LoadTool.Channels;

/// <summary>What became of a question once the run is over.</summary>
/// <param name="Accepted">The channel request was answered 2xx (for the playground: the answer came back).</param>
/// <param name="Answers">Answers delivered (with an answer id).</param>
/// <param name="Notices">Notices delivered in place of an answer ("something went wrong").</param>
/// <param name="AnswerId">The answer's id, to vote on.</param>
/// <param name="Latency">From sending to the first answer or notice; null when none came.</param>
internal sealed record QuestionFate(bool Accepted, int Answers, int Notices, string? AnswerId, TimeSpan? Latency)
{
    public bool Delivered => Answers + Notices > 0;

    public bool Twice => Answers + Notices > 1;

    /// <summary>Accepted and never answered: the user is left waiting with no reply and no refusal.</summary>
    public bool Lost => Accepted && !Delivered;
}
