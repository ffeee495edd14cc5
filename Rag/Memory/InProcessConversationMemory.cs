using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Memory;

/// <summary>
/// The embedded <see cref="IConversationMemory"/>: histories live in this process (lost on restart, not shared between
/// replicas), expire after <see cref="MemoryOptions.Ttl"/> of disuse, and at most <see cref="MemoryOptions.MaxConversations"/>
/// are kept (the least recently used go first).
/// </summary>
/// <remarks>Thread-safe; concurrent appends to one conversation are applied one after the other, none is lost.</remarks>
public sealed class InProcessConversationMemory : IConversationMemory
{
    private const int MaxAttempts = 20;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly HistoryCompactor _compactor;
    private readonly IOptionsMonitor<MemoryOptions> _options;
    private readonly TimeProvider _time;

    public InProcessConversationMemory(HistoryCompactor compactor, IOptionsMonitor<MemoryOptions> options, TimeProvider time)
    {
        _compactor = compactor;
        _options = options;
        _time = time;
    }

    /// <summary>Conversations held now, expired ones included until they are swept.</summary>
    internal int Count => _entries.Count;

    /// <inheritdoc />
    public Task<ConversationHistory> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.Value);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        while (_entries.TryGetValue(key.Value, out var entry))
        {
            if (entry.Expires <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key.Value, entry));
                break;
            }

            // Refresh the TTL on use; losing this race to an append is fine, the append refreshes it too.
            if (_entries.TryUpdate(key.Value, new Entry(entry.History, now + _options.CurrentValue.Ttl), entry))
            {
                return Task.FromResult(entry.History);
            }
        }

        return Task.FromResult(ConversationHistory.Empty);
    }

    /// <inheritdoc />
    public async Task AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.Value);
        ArgumentNullException.ThrowIfNull(turn);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = _time.GetUtcNow();
            _entries.TryGetValue(key.Value, out var current);
            var history = current is null || current.Expires <= now ? ConversationHistory.Empty : current.History;
            var next = new Entry(await _compactor.AppendAsync(history, turn, cancellationToken).ConfigureAwait(false), _time.GetUtcNow() + _options.CurrentValue.Ttl);

            // Optimistic: another append in between means this one is computed again on top of it.
            var stored = current is null ? _entries.TryAdd(key.Value, next) : _entries.TryUpdate(key.Value, next, current);
            if (stored)
            {
                Evict();
                return;
            }
        }

        throw new ConversationMemoryException("Could not append to the conversation history in process: too many concurrent appends.");
    }

    private void Evict()
    {
        var max = _options.CurrentValue.MaxConversations;
        if (_entries.Count <= max)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var (key, entry) in _entries.Where(e => e.Value.Expires <= now).ToList())
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }

        // Still over: the entries that expire first are the ones used least recently.
        var excess = _entries.Count - max;
        if (excess > 0)
        {
            foreach (var (key, entry) in _entries.OrderBy(e => e.Value.Expires).Take(excess).ToList())
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    // A plain class: TryUpdate compares by reference, which is what the optimistic loops need.
    private sealed class Entry(ConversationHistory history, DateTimeOffset expires)
    {
        public ConversationHistory History { get; } = history;

        public DateTimeOffset Expires { get; } = expires;
    }
}
