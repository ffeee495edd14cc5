using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Tests.Retrieval;

public sealed class MinMaxFusionTests
{
    [Fact]
    public void ScoresAreNormalisedPerRouteAndCombinedConvexly()
    {
        var vector = new RouteResult("vector", 1.0, [new ScoredId("a", 0.9f), new ScoredId("b", 0.7f), new ScoredId("c", 0.5f)]);
        var keyword = new RouteResult("keyword", 3.0, [new ScoredId("c", 12f), new ScoredId("a", 2f)]);

        var fused = MinMaxFusion.Fuse([vector, keyword]).ToDictionary(h => h.ChunkId, h => h.Score);

        Assert.Equal(0.25, fused["a"], 5);           // 1·1.0 + 3·0.0, over 4
        Assert.Equal(0.125, fused["b"], 5);          // 1·0.5, over 4
        Assert.Equal(0.75, fused["c"], 5);           // 1·0.0 + 3·1.0, over 4
    }

    [Fact]
    public void ARouteWithOneHitOrEqualScoresGivesThemFullScore()
    {
        var fused = MinMaxFusion.Fuse([new RouteResult("keyword", 1.0, [new ScoredId("a", 3f), new ScoredId("b", 3f)])]);

        Assert.All(fused, h => Assert.Equal(1.0, h.Score, 6));
        Assert.Equal(["a", "b"], fused.Select(h => h.ChunkId));
    }
}
