using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.FairUse;

/// <summary>
/// Per-user and per-conversation allowances for every channel: each user may send
/// <see cref="FairUseOptions.PerUserPerMinute"/> requests per minute on a channel, and each conversation may receive
/// <see cref="FairUseOptions.PerConversationPerMinute"/>. Users and conversations are counted separately, so one user
/// flooding the bot uses up only their own allowance (and, at worst, the conversation's), never another user's.
/// </summary>
/// <remarks>
/// Fixed one-minute windows that start at a partition's first request, on <see cref="TimeProvider"/>. Memory is
/// bounded: a partition whose window has ended holds nothing a fresh one would not, so it is dropped at the next
/// sweep (at most once a minute), and beyond <see cref="FairUseOptions.MaxPartitions"/> the oldest windows go first.
/// Per process: behind a load balancer each replica counts its own share. Thread-safe.
/// </remarks>
internal sealed class FairUseLimiter
{
    /// <summary>The window the allowances are counted in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly FairUseOptions _options;
    private readonly ILogger<FairUseLimiter> _logger;
    private readonly Lock _sweepGate = new();
    private DateTimeOffset _nextSweep;

    public FairUseLimiter(TimeProvider time, IOptions<FairUseOptions> options, ILogger<FairUseLimiter> logger)
    {
        _time = time;
        _options = options.Value;
        _logger = logger;
        _nextSweep = time.GetUtcNow() + Window;
    }

    /// <summary>The number of users and conversations currently tracked.</summary>
    public int PartitionCount => _partitions.Count;

    /// <summary>
    /// Counts one request of <paramref name="userId"/> in <paramref name="conversationId"/> on
    /// <paramref name="channel"/> and says whether it is within both allowances. A refused request consumes nothing
    /// of the conversation's allowance.
    /// </summary>
    /// <param name="channel">The channel id ("msteams", "slack", "playground"); users and conversations are counted per channel.</param>
    /// <param name="userId">The verified user (Teams aadObjectId, Slack user id, the playground session).</param>
    /// <param name="conversationId">The conversation the request belongs to.</param>
    public FairUseDecision TryAcquire(string channel, string userId, string conversationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(conversationId);
        var now = _time.GetUtcNow();
        SweepIfDue(now);

        var user = Take("u\n" + channel + "\n" + userId, _options.PerUserPerMinute, now);
        if (user is { } userWait)
        {
            return Refuse(channel, "user", userWait);
        }

        var conversation = Take("c\n" + channel + "\n" + conversationId, _options.PerConversationPerMinute, now);
        return conversation is { } conversationWait ? Refuse(channel, "conversation", conversationWait) : FairUseDecision.Allow;
    }

    /// <summary>Takes one request from the partition's allowance; null when taken, else the time until its window ends.</summary>
    private TimeSpan? Take(string key, int limit, DateTimeOffset now)
    {
        var partition = _partitions.GetOrAdd(key, static (_, start) => new Partition(start), now);
        lock (partition)
        {
            if (now - partition.WindowStart >= Window)
            {
                partition.WindowStart = now;
                partition.Count = 0;
            }

            if (partition.Count >= limit)
            {
                return partition.WindowStart + Window - now;
            }

            partition.Count++;
            return null;
        }
    }

    private FairUseDecision Refuse(string channel, string limit, TimeSpan retryAfter)
    {
        var decision = new FairUseDecision(false, retryAfter, limit);
        FairUseLog.Refused(_logger, channel, limit, decision.RetryAfterSeconds);
        return decision;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep && _partitions.Count <= _options.MaxPartitions)
        {
            return;
        }

        lock (_sweepGate)
        {
            if (now < _nextSweep && _partitions.Count <= _options.MaxPartitions)
            {
                return;
            }

            _nextSweep = now + Window;
            foreach (var (key, partition) in _partitions)
            {
                if (now - partition.WindowStart >= Window)
                {
                    _partitions.TryRemove(new KeyValuePair<string, Partition>(key, partition));
                }
            }

            var excess = _partitions.Count - _options.MaxPartitions;
            if (excess > 0)
            {
                // Every window is still open: drop the oldest, which lose the least of what they counted.
                foreach (var (key, partition) in _partitions.OrderBy(p => p.Value.WindowStart).Take(excess).ToList())
                {
                    _partitions.TryRemove(new KeyValuePair<string, Partition>(key, partition));
                }

                FairUseLog.PartitionsTrimmed(_logger, _partitions.Count, excess);
            }
        }
    }

    private sealed class Partition(DateTimeOffset windowStart)
    {
        public DateTimeOffset WindowStart { get; set; } = windowStart;

        public int Count { get; set; }
    }
}
