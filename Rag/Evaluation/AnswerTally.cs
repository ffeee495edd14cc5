namespace Assistant.Rag.Evaluation;

/// <summary>Totals of an answer evaluation (all questions, one language or one kind).</summary>
/// <param name="Answerable">Questions the knowledge base answers.</param>
/// <param name="Right">Answerable questions answered with every required fact.</param>
/// <param name="Wrong">Answerable questions answered without a required fact.</param>
/// <param name="Declined">Answerable questions the engine declined.</param>
/// <param name="Unanswerable">Questions the knowledge base does not answer.</param>
/// <param name="UnanswerableDeclined">Unanswerable questions the engine declined (the right outcome).</param>
public sealed record AnswerTally(int Answerable, int Right, int Wrong, int Declined, int Unanswerable, int UnanswerableDeclined)
{
    /// <summary>Share of answerable questions answered right; 0 when there are none.</summary>
    public double RightRate => Answerable == 0 ? 0 : (double)Right / Answerable;

    /// <summary>Share of answerable questions answered wrong; 0 when there are none.</summary>
    public double WrongRate => Answerable == 0 ? 0 : (double)Wrong / Answerable;

    /// <summary>Share of unanswerable questions declined; 0 when there are none.</summary>
    public double DeclinedUnanswerableRate => Unanswerable == 0 ? 0 : (double)UnanswerableDeclined / Unanswerable;
}
