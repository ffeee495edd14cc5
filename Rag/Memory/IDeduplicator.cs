namespace Assistant.Rag.Memory;

/// <summary>
/// Remembers keys for a while so a retried delivery (a Slack event, a Teams activity) is handled once.
/// </summary>
/// <remarks>Thread-safe. Shared by every replica when it is backed by Redis.</remarks>
public interface IDeduplicator
{
    /// <summary>Claims <paramref name="key"/> for <paramref name="ttl"/>. True for the first caller, false while the claim lasts.</summary>
    Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives up a claim, so the next delivery of <paramref name="key"/> is handled: for work that was accepted but could
    /// not be finished (shutdown, a full queue). Releasing a key that is not claimed does nothing.
    /// </summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken = default);
}
