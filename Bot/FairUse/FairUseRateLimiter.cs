using System.Threading.RateLimiting;

namespace Assistant.Bot.FairUse;

/// <summary>
/// One partition of the playground's rate-limiter policy: a <see cref="RateLimiter"/> over the shared
/// <see cref="FairUseLimiter"/>, so the playground is counted by the same allowances and code as Teams and Slack.
/// Holds no state of its own (the counts live in <see cref="FairUseLimiter"/>); never queues.
/// </summary>
internal sealed class FairUseRateLimiter(FairUseLimiter limiter, string channel, string userId) : RateLimiter
{
    // Stateless, so the partitioned limiter may drop this wrapper whenever it likes.
    public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Acquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Acquire(permitCount));

    private RateLimitLease Acquire(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);

        // A permit count of 0 only asks whether the limiter is usable; counting it would spend a request.
        // The playground has one conversation per session.
        return new FairUseLease(permitCount == 0 ? FairUseDecision.Allow : limiter.TryAcquire(channel, userId, userId));
    }
}
