namespace Assistant.Rag.Evaluation;

/// <summary>
/// Adds up verdicts of an answer evaluation: right / wrong / declined for answerable questions, the declined rate for
/// unanswerable ones, per language and per kind, and turn-time percentiles.
/// </summary>
/// <remarks>Not thread-safe: one evaluation adds to it from one loop.</remarks>
public sealed class AnswerScoreboard
{
    private readonly List<(AnswerExpectation Expectation, AnswerVerdict Verdict, double Ms)> _rows = [];

    /// <summary>Records one scored question and how long its turn took.</summary>
    public void Add(AnswerExpectation expectation, AnswerVerdict verdict, double elapsedMs)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        _rows.Add((expectation, verdict, elapsedMs));
    }

    /// <summary>The totals over every question added.</summary>
    public AnswerTally Total => Tally(_rows);

    /// <summary>The totals per language, ordered by language.</summary>
    public IReadOnlyDictionary<string, AnswerTally> ByLanguage => Group(r => r.Expectation.Lang);

    /// <summary>The totals per kind, ordered by kind.</summary>
    public IReadOnlyDictionary<string, AnswerTally> ByKind => Group(r => r.Expectation.Kind);

    /// <summary>Median turn time in milliseconds.</summary>
    public double P50Ms => RetrievalMetrics.Percentile(_rows.Select(r => r.Ms).ToArray(), 50);

    /// <summary>95th-percentile turn time in milliseconds.</summary>
    public double P95Ms => RetrievalMetrics.Percentile(_rows.Select(r => r.Ms).ToArray(), 95);

    private SortedDictionary<string, AnswerTally> Group(Func<(AnswerExpectation Expectation, AnswerVerdict Verdict, double Ms), string> key) =>
        new(_rows.GroupBy(key).ToDictionary(g => g.Key, g => Tally(g.ToList())), StringComparer.Ordinal);

    private static AnswerTally Tally(IReadOnlyCollection<(AnswerExpectation Expectation, AnswerVerdict Verdict, double Ms)> rows)
    {
        var answerable = rows.Where(r => r.Expectation.Answerable).ToList();
        var unanswerable = rows.Where(r => !r.Expectation.Answerable).ToList();
        return new AnswerTally(
            answerable.Count,
            answerable.Count(r => r.Verdict == AnswerVerdict.Right),
            answerable.Count(r => r.Verdict == AnswerVerdict.Wrong),
            answerable.Count(r => r.Verdict == AnswerVerdict.Declined),
            unanswerable.Count,
            unanswerable.Count(r => r.Verdict == AnswerVerdict.Right));
    }
}
