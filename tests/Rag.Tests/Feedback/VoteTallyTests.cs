using Assistant.Rag.Feedback;

namespace Assistant.Rag.Tests.Feedback;

public sealed class VoteTallyTests
{
    [Fact]
    public void AnItemWithoutVotesHasNoLean()
    {
        Assert.Equal(0, default(VoteTally).Smoothed(priorVotes: 2));
    }

    [Fact]
    public void OneVoteMovesTheSmoothedLeanOnlyPartOfTheWay()
    {
        var tally = default(VoteTally).Add(1.0);

        // Beta(2, 2) prior: mean (1 + 2) / (1 + 4) = 0.6, i.e. 0.2 on the [-1, 1] scale.
        Assert.Equal(0.2, tally.Smoothed(priorVotes: 2), precision: 10);
    }

    [Fact]
    public void ManyAgreeingVotesApproachButNeverReachTheBound()
    {
        var tally = default(VoteTally);
        for (var i = 0; i < 1000; i++)
        {
            tally = tally.Add(-1.0);
        }

        Assert.InRange(tally.Smoothed(priorVotes: 2), -1.0, -0.99);
    }

    [Fact]
    public void FewerVotersThanTheMinimumScaleTheEffectDownInProportion()
    {
        var two = default(VoteTally).Add(1).Add(1);
        var ten = Enumerable.Range(0, 10).Aggregate(default(VoteTally), (t, _) => t.Add(1));

        Assert.Equal(two.Smoothed(2) * 2 / 5, two.Effect(priorVotes: 2, minVoters: 5), precision: 10);
        Assert.Equal(ten.Smoothed(2), ten.Effect(priorVotes: 2, minVoters: 5), precision: 10);
    }

    [Fact]
    public void DecayedVotesWeighLess()
    {
        var fresh = default(VoteTally).Add(1.0).Add(-1.0).Add(1.0);
        var oldUp = default(VoteTally).Add(0.25).Add(-1.0).Add(0.25);

        Assert.True(fresh.Smoothed(1) > 0);
        Assert.True(oldUp.Smoothed(1) < 0);
        Assert.Equal(3, oldUp.Voters);
    }
}
