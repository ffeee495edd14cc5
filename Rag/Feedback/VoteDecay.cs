namespace Assistant.Rag.Feedback;

/// <summary>Exponential forgetting: a vote's weight halves every half-life.</summary>
public static class VoteDecay
{
    /// <summary>0.5^(age / half-life); 1 for a vote from the future (clock skew between replicas).</summary>
    public static double Weight(DateTimeOffset votedAt, DateTimeOffset now, double halfLifeDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeDays);
        var days = (now - votedAt).TotalDays;
        return days <= 0 ? 1.0 : Math.Pow(0.5, days / halfLifeDays);
    }
}
