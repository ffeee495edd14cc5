namespace Assistant.Bot.FairUse;

/// <summary>The verdict of <see cref="FairUseLimiter.TryAcquire"/>.</summary>
/// <param name="Allowed">True when the request is within both allowances.</param>
/// <param name="RetryAfter">When refused: how long until the exhausted allowance is renewed; zero when allowed.</param>
/// <param name="Limit">When refused: "user" or "conversation", the allowance that ran out; null when allowed.</param>
internal readonly record struct FairUseDecision(bool Allowed, TimeSpan RetryAfter, string? Limit)
{
    /// <summary>An allowed request.</summary>
    public static FairUseDecision Allow { get; } = new(true, TimeSpan.Zero, null);

    /// <summary>The Retry-After header value: whole seconds, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
