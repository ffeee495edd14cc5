using System.Collections.Concurrent;
using Assistant.Bot.Hosting;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Channels;

/// <summary>
/// Records answers in the feedback store beside the reply, never in its way: the write starts before the answer is
/// sent and is not awaited, so a slow or failed store neither delays nor replaces the answer. A failure is logged
/// and counted, and only a later vote on that answer is refused. On shutdown the writes still under way are waited for.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class AnswerRecorder(IFeedbackStore store, ILogger<AnswerRecorder> logger) : IHostedService
{
    // A store that hangs must not keep writes (and their answers) in memory for ever.
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Task, byte> _writes = new();

    /// <summary>Writes under way.</summary>
    public int Pending => _writes.Count;

    /// <summary>Starts recording <paramref name="answer"/> for <paramref name="turn"/>; returns the write, which never fails.</summary>
    public Task Record(Turn turn, Answer answer)
    {
        var write = RecordAsync(turn, answer);
        if (!write.IsCompleted)
        {
            _writes.TryAdd(write, 0);
            _ = write.ContinueWith(t => _writes.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return write;
    }

    /// <summary>Waits for the writes under way.</summary>
    public Task DrainAsync(CancellationToken cancellationToken) => Task.WhenAll(_writes.Keys).WaitAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.Unfinished(logger, _writes.Count);
        }
    }

    private async Task RecordAsync(Turn turn, Answer answer)
    {
        // Off the caller's path: the reply goes out while this runs.
        await Task.Yield();
        using var activity = BotTelemetry.ActivitySource.StartActivity("record");
        using var timeout = new CancellationTokenSource(WriteTimeout);
        try
        {
            await store.RecordAnswerAsync(turn, answer, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FeedbackStoreException or OperationCanceledException)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
            ChannelMetrics.RecordFailed(turn.Channel);
            Log.RecordFailed(logger, answer.Id, turn.Channel, exception.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Answer {AnswerId} ({Channel}) was sent but not recorded ({ErrorType}); votes on it will be refused")]
        public static partial void RecordFailed(ILogger logger, string answerId, string channel, string errorType);

        [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Shutdown did not wait for {Count} answer records")]
        public static partial void Unfinished(ILogger logger, int count);
    }
}
