using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Tests.Retrieval;

public sealed class ZScoreFusionTests
{
    [Fact]
    public void ScoresAreStandardisedPerRouteAndAMissedIdTakesTheRoutesLowest()
    {
        // Arrange: vector 0.9 / 0.7 / 0.5 → mean 0.7, sd √(0.08/3); keyword 12 / 2 → z +1 / −1.
        var vector = new RouteResult("vector", 1.0, [new ScoredId("a", 0.9f), new ScoredId("b", 0.7f), new ScoredId("c", 0.5f)]);
        var keyword = new RouteResult("keyword", 3.0, [new ScoredId("c", 12f), new ScoredId("a", 2f)]);
        var sd = Math.Sqrt(0.08 / 3);

        // Act
        var fused = ZScoreFusion.Fuse([vector, keyword]);
        var scores = fused.ToDictionary(h => h.ChunkId, h => h.Score);

        // Assert
        Assert.Equal(((0.2 / sd) + (3 * -1.0)) / 4, scores["a"], 4);
        Assert.Equal((0.0 + (3 * -1.0)) / 4, scores["b"], 4);   // keyword missed b: its lowest z, −1
        Assert.Equal(((-0.2 / sd) + (3 * 1.0)) / 4, scores["c"], 4);
        Assert.Equal(["c", "a", "b"], fused.Select(h => h.ChunkId));
        Assert.Equal(new Dictionary<string, int> { ["vector"] = 3, ["keyword"] = 1 }, fused[0].RouteRanks);
    }

    [Fact]
    public void ASingleRouteKeepsItsOwnOrderAndADuplicateIdCountsAtItsBestListing()
    {
        // Arrange
        var keyword = new RouteResult("keyword", 2.0, [new ScoredId("a", 9f), new ScoredId("b", 4f), new ScoredId("a", 1f), new ScoredId("c", 1f)]);

        // Act
        var fused = ZScoreFusion.Fuse([keyword]);

        // Assert: mean 3.75, sd √(42.75/4); a keeps its 9, not the later 1.
        Assert.Equal(["a", "b", "c"], fused.Select(h => h.ChunkId));
        Assert.Equal((9 - 3.75) / Math.Sqrt(42.75 / 4), fused[0].Score, 4);
        Assert.Equal(1, fused[0].RouteRanks["keyword"]);
    }

    [Fact]
    public void ARouteWithEqualScoresOrNoWeightLeavesTheOrderAsFirstSeen()
    {
        // Arrange
        var flat = new RouteResult("keyword", 1.0, [new ScoredId("a", 3f), new ScoredId("b", 3f)]);
        var off = new RouteResult("vector", 0.0, [new ScoredId("b", 0.9f), new ScoredId("c", 0.1f)]);

        // Act
        var fused = ZScoreFusion.Fuse([flat, off]);

        // Assert
        Assert.Equal(["a", "b"], fused.Select(h => h.ChunkId));
        Assert.All(fused, h => Assert.Equal(1.0, h.Score, 6));
    }

    [Fact]
    public void ARouteThatFoundOneChunkLiftsItAboveWhatOnlyTheOtherRouteFound()
    {
        // Arrange: without spread the single hit would standardise to 0, the same as an id the route did not return
        var sql = new RouteResult("sql", 1.0, [new ScoredId("b", 0.5f)]);
        var vector = new RouteResult("vector", 1.0, [new ScoredId("a", 0.9f), new ScoredId("b", 0.8f), new ScoredId("c", 0.1f)]);

        // Act
        var fused = ZScoreFusion.Fuse([sql, vector]);

        // Assert
        Assert.Equal("b", fused[0].ChunkId);
    }
}
