using System.Text;
using Assistant.Rag.Generation;

namespace Assistant.Rag.Evaluation;

/// <summary>
/// Scores an answer the way a reader would: an answerable question is right when the answer text holds every required
/// fact, declined when the engine said it had no evidence, wrong otherwise; an unanswerable one is right only when declined.
/// </summary>
/// <remarks>Pure and thread-safe. Facts are compared after NFKC normalisation, ignoring case, so full-width digits and
/// ASCII digits match.</remarks>
public static class AnswerScoring
{
    /// <summary>True when the engine declined: no evidence, or the question could not be searched.</summary>
    public static bool IsDecline(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Kind is AnswerKind.NoEvidence or AnswerKind.Rejected;
    }

    /// <summary>The verdict for <paramref name="answer"/> against <paramref name="expectation"/>.</summary>
    public static AnswerVerdict Judge(Answer answer, AnswerExpectation expectation)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(expectation);
        var declined = IsDecline(answer);
        if (!expectation.Answerable)
        {
            return declined ? AnswerVerdict.Right : AnswerVerdict.Wrong;
        }

        if (declined)
        {
            return AnswerVerdict.Declined;
        }

        return expectation.MustInclude.All(fact => Contains(answer.Text, fact)) ? AnswerVerdict.Right : AnswerVerdict.Wrong;
    }

    /// <summary>True when any citation of <paramref name="answer"/> points at <paramref name="path"/> (a path under the knowledge base).</summary>
    public static bool Cites(Answer answer, string path)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var wanted = path.Replace('\\', '/');
        return answer.Citations.Any(c => c.Url.Replace('\\', '/').EndsWith(wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when <paramref name="text"/> holds <paramref name="fact"/> after NFKC normalisation, ignoring case.</summary>
    public static bool Contains(string text, string fact) =>
        text.Normalize(NormalizationForm.FormKC).Contains(fact.Normalize(NormalizationForm.FormKC), StringComparison.OrdinalIgnoreCase);
}
