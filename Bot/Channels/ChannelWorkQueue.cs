using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels;

/// <summary>
/// The one work queue of the chat channels (Teams, Slack). Bounded: at most <see cref="ChannelOptions.QueueCapacity"/>
/// items accepted and not yet finished, and a full queue refuses new work (the endpoint answers 503 and releases the
/// delivery's dedupe claim, so the channel's own retry is answered later). Ordered per conversation: one
/// conversation's items run one after another in the order they were accepted. Fair across conversations:
/// conversations take turns, one item each, so a conversation with many items waiting cannot hold back the others.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ChannelWorkQueue
{
    // Wakes every taker at once when a closed queue runs empty.
    private const int WakeAll = 1024;

    private readonly object _lock = new();
    private readonly Dictionary<string, Queue<ChannelWork>> _conversations = new(StringComparer.Ordinal);
    private readonly Queue<string> _ready = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly int _capacity;
    private int _count;
    private bool _closed;

    public ChannelWorkQueue(IOptions<ChannelOptions> options)
    {
        _capacity = options.Value.QueueCapacity;
        ChannelMetrics.ObserveQueue(this);
    }

    /// <summary>Items accepted and not finished: waiting or running.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>True once <see cref="Close"/> was called: no more work is accepted.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    /// <summary>Accepts <paramref name="work"/> unless the queue is full or closed.</summary>
    public EnqueueResult TryEnqueue(ChannelWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var wake = false;
        lock (_lock)
        {
            if (_closed)
            {
                return EnqueueResult.Closed;
            }

            if (_count >= _capacity)
            {
                return EnqueueResult.Full;
            }

            _count++;
            if (!_conversations.TryGetValue(work.ConversationKey, out var items))
            {
                // A conversation without an entry has nothing queued or running: it is ready at once.
                items = new Queue<ChannelWork>();
                _conversations[work.ConversationKey] = items;
                _ready.Enqueue(work.ConversationKey);
                wake = true;
            }

            items.Enqueue(work);
        }

        if (wake)
        {
            _signal.Release();
        }

        return EnqueueResult.Accepted;
    }

    /// <summary>
    /// The next item to run, waiting for one; null once the queue is closed and empty. Every item taken must be
    /// handed back to <see cref="Complete"/> when it has run.
    /// </summary>
    public async Task<ChannelWork?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (_ready.TryDequeue(out var key))
                {
                    return _conversations[key].Dequeue();
                }

                if (_closed && _count == 0)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>Marks a taken item as finished; the conversation's next item, if any, becomes ready.</summary>
    public void Complete(ChannelWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var wake = 0;
        lock (_lock)
        {
            _count--;
            if (_conversations.TryGetValue(work.ConversationKey, out var items) && items.Count > 0)
            {
                // Behind the conversations already waiting: one item per turn each.
                _ready.Enqueue(work.ConversationKey);
                wake = 1;
            }
            else
            {
                _conversations.Remove(work.ConversationKey);
            }

            if (_closed && _count == 0)
            {
                wake = WakeAll;
            }
        }

        if (wake > 0)
        {
            _signal.Release(wake);
        }
    }

    /// <summary>Stops accepting work; what is queued still runs.</summary>
    public void Close()
    {
        bool empty;
        lock (_lock)
        {
            _closed = true;
            empty = _count == 0;
        }

        if (empty)
        {
            _signal.Release(WakeAll);
        }
    }

    /// <summary>Takes every item that has not started out of the queue (on shutdown, once the grace period is over) and returns them.</summary>
    public IReadOnlyList<ChannelWork> RemoveWaiting()
    {
        var removed = new List<ChannelWork>();
        var wake = false;
        lock (_lock)
        {
            foreach (var items in _conversations.Values)
            {
                removed.AddRange(items);
            }

            // A running item's Complete finds no entry and has nothing to make ready.
            _conversations.Clear();
            _ready.Clear();
            _count -= removed.Count;
            wake = _closed && _count == 0;
        }

        if (wake)
        {
            _signal.Release(WakeAll);
        }

        return removed;
    }
}
