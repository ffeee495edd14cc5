namespace Assistant.Bot.Hosting;

/// <summary>Runs <see cref="IndexBootstrapper"/> in the background so the server listens (and answers /healthz) at once.</summary>
internal sealed partial class IndexBootstrapService : BackgroundService
{
    private readonly IndexBootstrapper _bootstrapper;
    private readonly ILogger _logger;

    public IndexBootstrapService(IndexBootstrapper bootstrapper, ILogger<IndexBootstrapService> logger)
    {
        _bootstrapper = bootstrapper;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _bootstrapper.StartAsync(null, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception exception)
        {
            // The server keeps serving /healthz and reports not ready; the cause is in the log.
            Log.Failed(_logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3014, Level = LogLevel.Error, Message = "Opening the index failed; the assistant stays not ready")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
