using Assistant.Rag.Feedback;

namespace Assistant.Rag.Tests.Feedback;

public sealed class VoteDecayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(30, 0.5)]
    [InlineData(60, 0.25)]
    [InlineData(90, 0.125)]
    public void AVotesWeightHalvesEveryHalfLife(int daysAgo, double expected)
    {
        Assert.Equal(expected, VoteDecay.Weight(Now.AddDays(-daysAgo), Now, halfLifeDays: 30), precision: 10);
    }

    [Fact]
    public void AVoteFromTheFutureCountsFullyRatherThanMore()
    {
        Assert.Equal(1.0, VoteDecay.Weight(Now.AddHours(1), Now, halfLifeDays: 30));
    }
}
