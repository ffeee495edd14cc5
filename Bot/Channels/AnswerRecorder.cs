using System.Collections.Concurrent;
using Assistant.Bot.Hosting;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;

namespace Assistant.Bot.Channels;

/// <summary>
/// Records answers in the feedback store beside the reply, never in its way: the write starts before the answer is
/// sent and is not awaited, so a slow or failed store neither delays nor replaces the answer. A failure is logged
/// and counted, and only a later vote on that answer is refused. A vote that arrives while its answer's write is
/// still under way waits for it (<see cref="WhenRecordedAsync"/>). On shutdown the writes under way are waited for.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class AnswerRecorder(IFeedbackStore store, ILogger<AnswerRecorder> logger) : IHostedService
{
    // A store that hangs must not keep writes (and their answers) in memory for ever.
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Task> _writes = new(StringComparer.Ordinal);

    /// <summary>Writes under way.</summary>
    public int Pending => _writes.Count;

    /// <summary>Starts recording <paramref name="answer"/> for <paramref name="turn"/>; returns the write, which never fails.</summary>
    public Task Record(Turn turn, Answer answer)
    {
        var write = RecordAsync(turn, answer);
        if (!write.IsCompleted && _writes.TryAdd(answer.Id, write))
        {
            _ = write.ContinueWith(_ => _writes.TryRemove(new KeyValuePair<string, Task>(answer.Id, write)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return write;
    }

    /// <summary>Waits until the write of answer <paramref name="answerId"/>, if one is under way, has ended (well or not).</summary>
    public Task WhenRecordedAsync(string answerId, CancellationToken cancellationToken) =>
        _writes.TryGetValue(answerId, out var write) ? write.WaitAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Waits for the writes under way.</summary>
    public Task DrainAsync(CancellationToken cancellationToken) => Task.WhenAll(_writes.Values).WaitAsync(cancellationToken);

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
