using Assistant.Bot.Channels;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.Channels;

/// <summary>The channel queue: bounded, ordered per conversation, fair across conversations, closed on shutdown.</summary>
public sealed class ChannelWorkQueueTests
{
    [Fact]
    public async Task OneConversationsItemsComeOutInOrderAndOnlyOneAtATime()
    {
        var queue = Queue(10);
        var a1 = Work("a");
        var a2 = Work("a");
        queue.TryEnqueue(a1);
        queue.TryEnqueue(a2);

        var first = await queue.TakeAsync(Timeout());
        using var none = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.TakeAsync(none.Token));
        queue.Complete(first!);
        var second = await queue.TakeAsync(Timeout());

        Assert.Same(a1, first);
        Assert.Same(a2, second);
    }

    [Fact]
    public async Task ConversationsTakeTurnsSoABusyOneCannotHoldBackTheOthers()
    {
        var queue = Queue(100);
        for (var i = 0; i < 5; i++)
        {
            queue.TryEnqueue(Work("busy"));
        }

        queue.TryEnqueue(Work("quiet"));

        var order = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var work = await queue.TakeAsync(Timeout());
            order.Add(work!.ConversationKey);
            queue.Complete(work);
        }

        Assert.Equal("quiet", order[1]);
    }

    [Fact]
    public async Task DifferentConversationsAreTakenAtTheSameTime()
    {
        var queue = Queue(10);
        queue.TryEnqueue(Work("a"));
        queue.TryEnqueue(Work("b"));

        var first = await queue.TakeAsync(Timeout());
        var second = await queue.TakeAsync(Timeout());

        Assert.NotEqual(first!.ConversationKey, second!.ConversationKey);
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task AFullQueueRefusesAndMakesRoomAsItemsFinish()
    {
        var queue = Queue(2);
        Assert.Equal(EnqueueResult.Accepted, queue.TryEnqueue(Work("a")));
        Assert.Equal(EnqueueResult.Accepted, queue.TryEnqueue(Work("b")));

        Assert.Equal(EnqueueResult.Full, queue.TryEnqueue(Work("c")));
        queue.Complete((await queue.TakeAsync(Timeout()))!);
        Assert.Equal(EnqueueResult.Accepted, queue.TryEnqueue(Work("c")));
    }

    [Fact]
    public async Task AClosedQueueRefusesNewWorkStillHandsOutWhatItHoldsAndThenEnds()
    {
        var queue = Queue(10);
        queue.TryEnqueue(Work("a"));
        queue.Close();

        Assert.Equal(EnqueueResult.Closed, queue.TryEnqueue(Work("b")));
        var held = await queue.TakeAsync(Timeout());
        Assert.NotNull(held);
        queue.Complete(held);
        Assert.Null(await queue.TakeAsync(Timeout()));
    }

    [Fact]
    public void RemovingWaitingItemsReturnsThemAndEmptiesTheQueue()
    {
        var queue = Queue(10);
        queue.TryEnqueue(Work("a"));
        queue.TryEnqueue(Work("a"));
        queue.TryEnqueue(Work("b"));
        queue.Close();

        Assert.Equal(3, queue.RemoveWaiting().Count);
        Assert.Equal(0, queue.Count);
    }

    private static ChannelWorkQueue Queue(int capacity) => new(Options.Create(new ChannelOptions { QueueCapacity = capacity }));

    private static ChannelWork Work(string conversation) => new("test", "answer", conversation, null, _ => Task.CompletedTask);

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;
}
