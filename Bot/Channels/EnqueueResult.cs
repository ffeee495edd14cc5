namespace Assistant.Bot.Channels;

/// <summary>What <see cref="ChannelWorkQueue.TryEnqueue"/> did with an item.</summary>
internal enum EnqueueResult
{
    /// <summary>Queued; it will run.</summary>
    Accepted,

    /// <summary>Refused: the queue holds <see cref="ChannelOptions.QueueCapacity"/> items.</summary>
    Full,

    /// <summary>Refused: the host is shutting down.</summary>
    Closed,
}
