using Assistant.Rag.Evaluation;

namespace Assistant.Rag.Tests.Evaluation;

public sealed class RetrievalMetricsTests
{
    private static Dictionary<string, int> J(params (string Id, int Grade)[] judgements) => judgements.ToDictionary(j => j.Id, j => j.Grade);

    [Fact]
    public void NdcgUsesGradedGainsAndTheIdealOrderOfTheJudgedDocuments()
    {
        // DCG = 1/log2(2) + 2/log2(4) = 2; IDCG = 2/log2(2) + 1/log2(3) = 2.6309
        var ndcg = RetrievalMetrics.NdcgAt(["b", "x", "a"], J(("a", 2), ("b", 1), ("c", 0)), 10);

        Assert.Equal(2 / (2 + (1 / Math.Log2(3))), ndcg, 10);
    }

    [Fact]
    public void DocumentsOfEqualGradeInEitherOrderArePerfect()
    {
        Assert.Equal(1.0, RetrievalMetrics.NdcgAt(["b", "a"], J(("a", 1), ("b", 1)), 10), 12);
        Assert.Equal(1.0, RetrievalMetrics.NdcgAt(["a", "b"], J(("a", 1), ("b", 1)), 10), 12);
    }

    [Fact]
    public void UnjudgedDocumentsCountAsNotRelevant()
    {
        Assert.Equal(0.5, RetrievalMetrics.NdcgAt(["x", "y", "a"], J(("a", 1)), 10), 12);
    }

    [Fact]
    public void ADocumentRankedTwiceCountsOnceAtItsFirstRank()
    {
        // b is at rank 2, not 3: DCG = 1 + 1/log2(3)
        Assert.Equal(1.0, RetrievalMetrics.NdcgAt(["a", "a", "b"], J(("a", 1), ("b", 1)), 10), 12);
        Assert.Equal(1.0, RetrievalMetrics.RecallAt(["a", "a", "b"], J(("a", 1), ("b", 1)), 2), 12);
    }

    [Fact]
    public void RelevantDocumentsBelowTheCutOffDoNotCount()
    {
        var ranked = Enumerable.Range(0, 10).Select(i => $"x{i}").Append("a").ToList();

        Assert.Equal(0, RetrievalMetrics.NdcgAt(ranked, J(("a", 1)), 10));
        Assert.Equal(0, RetrievalMetrics.MrrAt(ranked, J(("a", 1)), 10));
        Assert.Equal(1, RetrievalMetrics.RecallAt(ranked, J(("a", 1)), 100));
    }

    [Fact]
    public void RecallIsTheShareOfRelevantDocumentsFound()
    {
        var judgements = J(("a", 1), ("b", 2), ("c", 0));

        Assert.Equal(0.5, RetrievalMetrics.RecallAt(["c", "a"], judgements, 10), 12);
        Assert.Equal(0.0, RetrievalMetrics.RecallAt(["c", "a"], judgements, 1), 12);
    }

    [Fact]
    public void MrrIsTheReciprocalRankOfTheFirstRelevantDocument()
    {
        Assert.Equal(1.0 / 3, RetrievalMetrics.MrrAt(["x", "y", "a", "b"], J(("a", 1), ("b", 1)), 10), 12);
    }

    [Fact]
    public void AQueryWithNothingRelevantScoresZeroNotNaN()
    {
        Assert.Equal(0, RetrievalMetrics.NdcgAt(["a"], J(("a", 0)), 10));
        Assert.Equal(0, RetrievalMetrics.RecallAt(["a"], J(), 10));
    }

    [Fact]
    public void PercentilesUseTheNearestRank()
    {
        double[] latencies = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];

        Assert.Equal(5, RetrievalMetrics.Percentile(latencies, 50));
        Assert.Equal(10, RetrievalMetrics.Percentile(latencies, 95));
        Assert.Equal(0, RetrievalMetrics.Percentile([], 50));
    }
}
