using Assistant.Rag.Evaluation;

namespace Assistant.Rag.Tests.Evaluation;

public sealed class QueryRewordingTests
{
    [Fact]
    public void FillersAreDroppedSynonymsSwappedAndATrailingPhraseMovedToTheFront()
    {
        Assert.Equal("in mouse models, Vitamin D lowers likelihood", QueryRewording.Reword("Vitamin D reduces the risk in mice."));
    }

    [Fact]
    public void NegationsSurviveTheRewording()
    {
        Assert.Contains("not", QueryRewording.Reword("Aspirin does not reduce the risk of stroke."), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameQuestionIsAlwaysRewordedTheSameWay()
    {
        const string Question = "Increased expression of the gene is associated with higher mortality among patients.";

        Assert.Equal(QueryRewording.Reword(Question), QueryRewording.Reword(Question));
        Assert.NotEqual(Question, QueryRewording.Reword(Question));
    }
}
