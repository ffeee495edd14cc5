using Assistant.Rag.Memory;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels;

/// <summary>
/// Runs <see cref="ChannelWorkQueue"/>: <see cref="ChannelOptions.MaxParallel"/> loops take items, so that many
/// conversations are served at once. On shutdown (SIGTERM) the queue stops taking work, what was accepted runs to
/// its end within <see cref="ChannelOptions.ShutdownGraceSeconds"/>, and then whatever is left (waiting or running)
/// is given up: cancelled, logged, counted, and its dedupe claim released so a retry of that delivery is answered
/// instead of dropped as a duplicate.
/// </summary>
internal sealed partial class ChannelWorker(
    ChannelWorkQueue queue,
    IDeduplicator deduplicator,
    IOptions<ChannelOptions> options,
    ILogger<ChannelWorker> logger) : IHostedService, IDisposable
{
    // Releasing claims and winding down cancelled work must not hold the host's shutdown for long.
    private static readonly TimeSpan WindDown = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _abort = new();
    private Task[] _loops = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loops = [.. Enumerable.Range(0, options.Value.MaxParallel).Select(_ => Task.Run(LoopAsync, CancellationToken.None))];
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Close();
        var pending = queue.Count;
        if (pending > 0)
        {
            Log.Draining(logger, pending, options.Value.ShutdownGraceSeconds);
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(TimeSpan.FromSeconds(options.Value.ShutdownGraceSeconds));
        try
        {
            await Task.WhenAll(_loops).WaitAsync(grace.Token).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            // The grace period is over: give up what is left.
        }

        var waiting = queue.RemoveWaiting();
        foreach (var work in waiting)
        {
            await AbandonAsync(work).ConfigureAwait(false);
        }

        await _abort.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).WaitAsync(WindDown, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.WindDownTimedOut(logger, queue.Count);
        }
    }

    public void Dispose() => _abort.Dispose();

    private async Task LoopAsync()
    {
        try
        {
            while (await queue.TakeAsync(_abort.Token).ConfigureAwait(false) is { } work)
            {
                await RunAsync(work).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Shutdown gave up on the queue.
        }
    }

    private async Task RunAsync(ChannelWork work)
    {
        try
        {
            await work.RunAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            await AbandonAsync(work).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // one failed item must not stop the loop; the channel code logs what it knows
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.WorkFailed(logger, work.Channel, work.Kind, exception.GetType().Name, exception);
        }
        finally
        {
            queue.Complete(work);
        }
    }

    private async Task AbandonAsync(ChannelWork work)
    {
        ChannelMetrics.QueueAbandoned(work.Channel);
        Log.Abandoned(logger, work.Channel, work.Kind);
        if (work.ClaimKey is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(WindDown);
        try
        {
            await deduplicator.ReleaseAsync(work.ClaimKey, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The claim expires with its time to live.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Shutting down: {Pending} channel items still to finish, for at most {Seconds} s")]
        public static partial void Draining(ILogger logger, int pending, int seconds);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Shutdown gave up a {Channel} {Kind} item; its delivery can be retried")]
        public static partial void Abandoned(ILogger logger, string channel, string kind);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "A {Channel} {Kind} item failed ({ErrorType})")]
        public static partial void WorkFailed(ILogger logger, string channel, string kind, string errorType, Exception exception);

        [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "{Count} channel items did not wind down within the shutdown window")]
        public static partial void WindDownTimedOut(ILogger logger, int count);
    }
}
