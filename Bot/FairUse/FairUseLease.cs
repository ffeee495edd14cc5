using System.Threading.RateLimiting;

namespace Assistant.Bot.FairUse;

/// <summary>A <see cref="FairUseDecision"/> as a lease for ASP.NET Core's rate-limiting middleware, with its Retry-After.</summary>
internal sealed class FairUseLease(FairUseDecision decision) : RateLimitLease
{
    private static readonly string[] RetryAfterOnly = [MetadataName.RetryAfter.Name];

    public override bool IsAcquired => decision.Allowed;

    public override IEnumerable<string> MetadataNames => decision.Allowed ? [] : RetryAfterOnly;

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (!decision.Allowed && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = TimeSpan.FromSeconds(decision.RetryAfterSeconds);
            return true;
        }

        metadata = null;
        return false;
    }
}
