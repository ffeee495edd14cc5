using Assistant.Rag.Evaluation;
using Assistant.Rag.Generation;

namespace Assistant.Rag.Tests.Evaluation;

public sealed class AnswerScoringTests
{
    private static readonly AnswerExpectation Answerable = new(["30 minutes", "５"], "it/password-reset.md", "two-part", "en");
    private static readonly AnswerExpectation Unanswerable = new([], null, "not-in-kb", "en");

    [Fact]
    public void AnAnswerWithEveryFactIsRightEvenInFullWidthDigitsAndOtherCase()
    {
        var answer = Make("After 5 wrong passwords the account locks for 30 MINUTES [1].", AnswerKind.Extractive);

        Assert.Equal(AnswerVerdict.Right, AnswerScoring.Judge(answer, Answerable));
    }

    [Fact]
    public void AnAnswerMissingOneFactIsWrong()
    {
        var answer = Make("The account locks for 30 minutes [1].", AnswerKind.Extractive);

        Assert.Equal(AnswerVerdict.Wrong, AnswerScoring.Judge(answer, Answerable));
    }

    [Fact]
    public void NoEvidenceIsADeclineForAnAnswerableQuestionAndRightForAnUnanswerableOne()
    {
        var answer = Make("I could not find this in the knowledge base.", AnswerKind.NoEvidence);

        Assert.Equal(AnswerVerdict.Declined, AnswerScoring.Judge(answer, Answerable));
        Assert.Equal(AnswerVerdict.Right, AnswerScoring.Judge(answer, Unanswerable));
    }

    [Fact]
    public void AnsweringAnUnanswerableQuestionIsWrong()
    {
        var answer = Make("No. The product has only the 14-day trial [1].", AnswerKind.Extractive);

        Assert.Equal(AnswerVerdict.Wrong, AnswerScoring.Judge(answer, Unanswerable));
    }

    [Fact]
    public void TheScoreboardCountsPerLanguageAndKind()
    {
        var board = new AnswerScoreboard();
        board.Add(Answerable, AnswerVerdict.Right, 10);
        board.Add(Answerable with { Lang = "zh" }, AnswerVerdict.Wrong, 20);
        board.Add(Unanswerable, AnswerVerdict.Right, 30);

        Assert.Equal(new AnswerTally(2, 1, 1, 0, 1, 1), board.Total);
        Assert.Equal(new AnswerTally(1, 1, 0, 0, 1, 1), board.ByLanguage["en"]);
        Assert.Equal(new AnswerTally(1, 0, 1, 0, 0, 0), board.ByLanguage["zh"]);
        Assert.Equal(2, board.ByKind["two-part"].Answerable);
        Assert.Equal(20, board.P50Ms);
        Assert.Equal(0.5, board.Total.RightRate);
    }

    [Fact]
    public void CitesMatchesAPathUnderTheKnowledgeBase()
    {
        var answer = Make("x [1]", AnswerKind.Extractive);

        Assert.True(AnswerScoring.Cites(answer, "it/password-reset.md"));
        Assert.False(AnswerScoring.Cites(answer, "it/vpn.md"));
    }

    private static Answer Make(string text, AnswerKind kind) =>
        new("a1", text, [new Citation(1, "Password reset", "samples/kb/it/password-reset.md", "…", "d1", "p1", ["c1"])], [], "q", kind, DateTimeOffset.UnixEpoch);
}
