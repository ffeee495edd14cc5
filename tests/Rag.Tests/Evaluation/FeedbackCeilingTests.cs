using Assistant.Rag.Evaluation;

namespace Assistant.Rag.Tests.Evaluation;

public sealed class FeedbackCeilingTests
{
    private static readonly string[] Ranked = ["a", "b", "c", "d"];

    [Fact]
    public void ARelevantCitedDocumentMovesToTheTop()
    {
        var ceiling = FeedbackSimulation.CeilingOf(Ranked, ["a", "b", "c"], new Dictionary<string, int> { ["c"] = 1 });

        Assert.Equal(1.0, ceiling, precision: 6);
    }

    [Fact]
    public void ARelevantDocumentThatWasNotCitedStaysWhereItWas()
    {
        var ceiling = FeedbackSimulation.CeilingOf(Ranked, ["a", "b", "c"], new Dictionary<string, int> { ["d"] = 1 });

        // d stays 4th: DCG 1 / log2(5), ideal DCG 1.
        Assert.Equal(1 / Math.Log2(5), ceiling, precision: 6);
    }
}
