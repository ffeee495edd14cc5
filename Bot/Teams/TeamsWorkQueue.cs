using System.Threading.Channels;

namespace Assistant.Bot.Teams;

/// <summary>
/// Activities accepted by /api/messages and not yet handled. Bounded, so a flood is refused with 503 instead of
/// growing without limit.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class TeamsWorkQueue
{
    /// <summary>Items waiting at most; beyond this new activities are refused.</summary>
    public const int Capacity = 1000;

    private readonly Channel<TeamsWork> _channel = Channel.CreateBounded<TeamsWork>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>Queues the work; false when the queue is full.</summary>
    public bool TryEnqueue(TeamsWork work) => _channel.Writer.TryWrite(work);

    /// <summary>The worker's end.</summary>
    public ChannelReader<TeamsWork> Reader => _channel.Reader;
}
