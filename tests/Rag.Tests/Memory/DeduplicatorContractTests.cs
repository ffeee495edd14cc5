using Assistant.Rag.Memory;

namespace Assistant.Rag.Tests.Memory;

/// <summary>What every <see cref="IDeduplicator"/> must do; run once per implementation.</summary>
public abstract class DeduplicatorContractTests
{
    private readonly string _id = Guid.NewGuid().ToString("N");

    protected abstract IDeduplicator Create();

    protected abstract Task ElapseAsync(TimeSpan time);

    [Fact]
    public async Task TheFirstClaimWinsAndARetryWithinTheTtlDoesNot()
    {
        var deduplicator = Create();

        Assert.True(await deduplicator.TryClaimAsync($"slack:event:{_id}", TimeSpan.FromMinutes(5)));
        Assert.False(await deduplicator.TryClaimAsync($"slack:event:{_id}", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task DifferentKeysAreClaimedIndependently()
    {
        var deduplicator = Create();

        Assert.True(await deduplicator.TryClaimAsync($"a:{_id}", TimeSpan.FromMinutes(5)));
        Assert.True(await deduplicator.TryClaimAsync($"b:{_id}", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task OfManyConcurrentClaimsExactlyOneWins()
    {
        var deduplicator = Create();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => deduplicator.TryClaimAsync($"race:{_id}", TimeSpan.FromMinutes(5))));

        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task AfterTheTtlTheKeyCanBeClaimedAgain()
    {
        var deduplicator = Create();
        var ttl = TimeSpan.FromMilliseconds(400);
        Assert.True(await deduplicator.TryClaimAsync($"expiring:{_id}", ttl));

        await ElapseAsync(ttl * 2.5);

        Assert.True(await deduplicator.TryClaimAsync($"expiring:{_id}", ttl));
    }

    [Fact]
    public async Task AReleasedClaimCanBeClaimedAgainAndReleasingAnUnknownKeyDoesNothing()
    {
        var deduplicator = Create();
        Assert.True(await deduplicator.TryClaimAsync($"released:{_id}", TimeSpan.FromMinutes(5)));

        await deduplicator.ReleaseAsync($"released:{_id}");
        await deduplicator.ReleaseAsync($"never-claimed:{_id}");

        Assert.True(await deduplicator.TryClaimAsync($"released:{_id}", TimeSpan.FromMinutes(5)));
        Assert.False(await deduplicator.TryClaimAsync($"released:{_id}", TimeSpan.FromMinutes(5)));
    }
}
