namespace Assistant.Bot.Slack;

/// <summary>
/// Works through <see cref="SlackWorkQueue"/> in the background, a few items at a time, so a slow answer never
/// delays Slack's 3-second acknowledgement nor the other questions. A failed item is logged and never stops the worker.
/// </summary>
internal sealed class SlackWorker : BackgroundService
{
    /// <summary>Items handled at once.</summary>
    public const int Concurrency = 4;

    private readonly SlackWorkQueue _queue;
    private readonly SlackAnswerer _answerer;
    private readonly SlackFeedbackResponder _responder;
    private readonly ILogger<SlackWorker> _logger;

    public SlackWorker(SlackWorkQueue queue, SlackAnswerer answerer, SlackFeedbackResponder responder, ILogger<SlackWorker> logger)
    {
        _queue = queue;
        _answerer = answerer;
        _responder = responder;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                _queue.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = stoppingToken },
                HandleAsync).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async ValueTask HandleAsync(SlackWorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            var work = item switch
            {
                SlackQuestion question => _answerer.AnswerAsync(question, cancellationToken),
                SlackVoteAcknowledgement acknowledgement => _responder.AcknowledgeAsync(acknowledgement, cancellationToken),
                SlackNotice notice => _responder.NotifyAsync(notice, cancellationToken),
                _ => Task.CompletedTask,
            };
            await work.ConfigureAwait(false);
        }
        catch (SlackApiException e)
        {
            SlackLog.ApiFailed(_logger, e.Method, e.Error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            SlackLog.WorkFailed(_logger, e, item.GetType().Name);
        }
    }
}
