using System.Threading.Channels;

namespace Assistant.Bot.Slack;

/// <summary>The bounded in-process queue between the Slack endpoints and <see cref="SlackWorker"/>.</summary>
/// <remarks>Thread-safe. Bounded so a flood of events cannot exhaust memory; a full queue refuses new work.</remarks>
internal sealed class SlackWorkQueue
{
    /// <summary>Items waiting at most.</summary>
    public const int Capacity = 512;

    private readonly Channel<SlackWorkItem> _channel = Channel.CreateBounded<SlackWorkItem>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
        SingleWriter = false,
    });

    /// <summary>Where the worker reads.</summary>
    public ChannelReader<SlackWorkItem> Reader => _channel.Reader;

    /// <summary>Queues an item; false when the queue is full.</summary>
    public bool TryEnqueue(SlackWorkItem item) => _channel.Writer.TryWrite(item);
}
