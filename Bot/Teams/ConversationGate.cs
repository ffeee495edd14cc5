namespace Assistant.Bot.Teams;

/// <summary>
/// One lock per conversation, so the bot's sends to a conversation go out one at a time and in order (Teams
/// limits sends per conversation, and a typing indicator must precede its answer). Locks are dropped when unused.
/// </summary>
/// <remarks>Thread-safe. Waiters are served in arrival order.</remarks>
internal sealed class ConversationGate
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Waits for the conversation's turn; dispose the result to let the next one go.</summary>
    public async Task<IDisposable> EnterAsync(string conversationId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(conversationId, out entry!))
            {
                entry = new Entry();
                _entries[conversationId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(conversationId, entry, release: false);
            throw;
        }

        return new Releaser(this, conversationId, entry);
    }

    /// <summary>Conversations with a holder or waiter; for tests of the clean-up.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    private void Leave(string conversationId, Entry entry, bool release)
    {
        lock (_entries)
        {
            if (release)
            {
                entry.Semaphore.Release();
            }

            if (--entry.Users == 0)
            {
                _entries.Remove(conversationId);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(ConversationGate gate, string conversationId, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(conversationId, entry, release: true);
            }
        }
    }
}
