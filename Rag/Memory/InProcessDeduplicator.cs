using System.Collections.Concurrent;

namespace Assistant.Rag.Memory;

/// <summary>The embedded <see cref="IDeduplicator"/>: claims live in this process only.</summary>
public sealed class InProcessDeduplicator : IDeduplicator
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _claims = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _sinceSweep;

    public InProcessDeduplicator(TimeProvider time) => _time = time;

    /// <inheritdoc />
    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        if (Interlocked.Increment(ref _sinceSweep) % SweepEvery == 0)
        {
            foreach (var (k, expires) in _claims)
            {
                if (expires <= now)
                {
                    _claims.TryRemove(new KeyValuePair<string, DateTimeOffset>(k, expires));
                }
            }
        }

        while (true)
        {
            if (_claims.TryAdd(key, now + ttl))
            {
                return Task.FromResult(true);
            }

            if (!_claims.TryGetValue(key, out var expires))
            {
                continue;
            }

            if (expires > now)
            {
                return Task.FromResult(false);
            }

            if (_claims.TryUpdate(key, now + ttl, expires))
            {
                return Task.FromResult(true);
            }
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _claims.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
