using Assistant.Bot.Channels;
using Assistant.Rag.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.Channels;

/// <summary>The channel worker on shutdown: what was accepted is finished within the grace period; what cannot be is given up and its claim released.</summary>
public sealed class ChannelWorkerTests
{
    [Fact]
    public async Task OnShutdownAcceptedWorkStillRunsToItsEnd()
    {
        var (queue, worker, _) = Create(graceSeconds: 20);
        await worker.StartAsync(CancellationToken.None);
        var done = 0;
        for (var i = 0; i < 6; i++)
        {
            queue.TryEnqueue(new ChannelWork("test", "answer", $"c{i % 2}", null, async ct =>
            {
                await Task.Delay(50, ct);
                Interlocked.Increment(ref done);
            }));
        }

        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(6, done);
        Assert.Equal(EnqueueResult.Closed, queue.TryEnqueue(new ChannelWork("test", "answer", "c", null, _ => Task.CompletedTask)));
    }

    [Fact]
    public async Task WorkThatOutlastsTheGracePeriodIsCancelledAndItsClaimReleasedSoARetryIsAnswered()
    {
        var (queue, worker, claims) = Create(graceSeconds: 1);
        await worker.StartAsync(CancellationToken.None);
        Assert.True(await claims.TryClaimAsync("running", TimeSpan.FromHours(1)));
        Assert.True(await claims.TryClaimAsync("waiting", TimeSpan.FromHours(1)));
        var started = new TaskCompletionSource();
        queue.TryEnqueue(new ChannelWork("test", "answer", "c", "running", async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }));
        queue.TryEnqueue(new ChannelWork("test", "answer", "c", "waiting", _ => Task.CompletedTask));
        await started.Task;

        await worker.StopAsync(CancellationToken.None);

        Assert.True(await claims.TryClaimAsync("running", TimeSpan.FromHours(1)));
        Assert.True(await claims.TryClaimAsync("waiting", TimeSpan.FromHours(1)));
        Assert.Equal(0, queue.Count);
    }

    private static (ChannelWorkQueue Queue, ChannelWorker Worker, InProcessDeduplicator Claims) Create(int graceSeconds)
    {
        var options = Options.Create(new ChannelOptions { MaxParallel = 2, ShutdownGraceSeconds = graceSeconds });
        var queue = new ChannelWorkQueue(options);
        var claims = new InProcessDeduplicator(TimeProvider.System);
        return (queue, new ChannelWorker(queue, claims, options, NullLogger<ChannelWorker>.Instance), claims);
    }
}
