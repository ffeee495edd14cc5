using System.Collections.Concurrent;

namespace Assistant.Bot.Teams;

/// <summary>
/// Drains <see cref="TeamsWorkQueue"/>: up to <see cref="MaxParallel"/> conversations are served at once, each
/// conversation's items strictly one after another (<see cref="ConversationGate"/>). On shutdown it stops taking
/// new items, cancels those in flight and waits for them to wind down, as long as the host allows.
/// </summary>
internal sealed class TeamsWorker(TeamsWorkQueue queue, TeamsTurnProcessor processor, ILogger<TeamsWorker> logger) : BackgroundService
{
    /// <summary>Items processed at the same time.</summary>
    public const int MaxParallel = 4;

    private readonly SemaphoreSlim _slots = new(MaxParallel, MaxParallel);
    private readonly ConversationGate _gate = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var task = RunAsync(work, stoppingToken);
                _running.TryAdd(task, 0);
                _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            logger.WorkAbandoned(_running.Count);
        }
    }

    private async Task RunAsync(TeamsWork work, CancellationToken stoppingToken)
    {
        try
        {
            using (await _gate.EnterAsync(work.ConversationId, stoppingToken).ConfigureAwait(false))
            {
                await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await processor.ProcessAsync(work, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.WorkAbandoned(1);
        }
#pragma warning disable CA1031 // one failed turn must not stop the worker; the processor logs what it knows
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.WorkFailed(work.Kind, e.GetType().Name);
        }
    }
}
