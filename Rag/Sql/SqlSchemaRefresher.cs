using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Sql;

/// <summary>Re-reads the SQL databases' schemas every Sql:RefreshMinutes (new tables, columns and low-cardinality values).</summary>
internal sealed class SqlSchemaRefresher(SqlRoute route, IOptions<SqlOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.RefreshMinutes;
        if (minutes == 0 || !options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await route.RefreshAsync(stoppingToken).ConfigureAwait(false);
        }
    }
}
