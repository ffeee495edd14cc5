using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Sql;

/// <summary>Opens the SQL databases at start, then re-reads their schemas every Sql:RefreshMinutes (new tables, columns and low-cardinality values).</summary>
internal sealed class SqlSchemaRefresher(SqlRoute route, IOptions<SqlOptions> options, TimeProvider time, ILogger<SqlSchemaRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Opened at start, in the background: the first question does not pay for building the sample database.
        await RefreshAsync(stoppingToken).ConfigureAwait(false);
        var minutes = options.Value.RefreshMinutes;
        if (minutes == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await RefreshAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    // A refresh that fails leaves the route as it was (a database that cannot be read answers nothing until the next
    // one); it never stops the host.
    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        try
        {
            await route.RefreshAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SqlLog.RefreshFailed(logger, exception.GetType().Name);
        }
    }
}
