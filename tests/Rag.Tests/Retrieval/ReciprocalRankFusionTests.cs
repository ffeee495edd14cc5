using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Tests.Retrieval;

public sealed class ReciprocalRankFusionTests
{
    private static RouteResult Route(string name, double weight, params string[] ids) => new(name, weight, [.. ids.Select(id => new ScoredId(id, 1))]);

    [Fact]
    public void ScoresAreTheWeightedSumOfReciprocalRanks()
    {
        var fused = ReciprocalRankFusion.Fuse([Route("vector", 1.0, "a", "b", "c"), Route("keyword", 2.0, "c", "a")], k: 60);

        var byId = fused.ToDictionary(h => h.ChunkId);
        Assert.Equal((1.0 / 61) + (2.0 / 62), byId["a"].Score, 12);
        Assert.Equal(1.0 / 62, byId["b"].Score, 12);
        Assert.Equal((1.0 / 63) + (2.0 / 61), byId["c"].Score, 12);
        Assert.Equal(["c", "a", "b"], fused.Select(h => h.ChunkId));
        Assert.Equal(new Dictionary<string, int> { ["vector"] = 3, ["keyword"] = 1 }, byId["c"].RouteRanks);
    }

    [Fact]
    public void AnIdListedTwiceByOneRouteCountsOnceAtItsBestRank()
    {
        var fused = ReciprocalRankFusion.Fuse([Route("keyword", 1.0, "a", "a", "b")], k: 60);

        Assert.Equal(2, fused.Count);
        Assert.Equal(1.0 / 61, fused[0].Score, 12);
        Assert.Equal(1.0 / 63, fused[1].Score, 12);
    }

    [Fact]
    public void TiesKeepTheOrderInWhichIdsWereFirstSeen()
    {
        var fused = ReciprocalRankFusion.Fuse([Route("vector", 1.0, "x"), Route("keyword", 1.0, "y")], k: 60);

        Assert.Equal(["x", "y"], fused.Select(h => h.ChunkId));
    }

    [Fact]
    public void AZeroWeightRouteDoesNotMoveTheRanking()
    {
        var fused = ReciprocalRankFusion.Fuse([Route("keyword", 1.0, "a", "b"), Route("vector", 0.0, "b", "a")], k: 60);

        Assert.Equal(["a", "b"], fused.Select(h => h.ChunkId));
    }
}
