using Assistant.Rag.Indexes;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Routing;

/// <summary>
/// Runs one route's search under its time budget. A route that throws or overruns gives null (and a warning in the
/// log), so one slow or broken backend costs that route's evidence, not the answer.
/// </summary>
/// <remarks>Thread-safe. The budget holds even for a route that ignores its cancellation token: the wait ends at the deadline.</remarks>
public sealed partial class RouteRunner
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RouteRunner(TimeProvider time, ILogger<RouteRunner> logger)
    {
        _time = time;
        _logger = logger;
    }

    /// <summary>The route's hits, or null when it failed or took longer than <paramref name="budget"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (not the budget).</exception>
    public async Task<IReadOnlyList<ScoredId>?> SearchAsync(IRetrievalRoute route, RouteQuery query, int top, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        try
        {
            return await route.SearchAsync(query, top, deadline.Token).WaitAsync(budget, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is TimeoutException or OperationCanceledException)
        {
            Log.RouteTimedOut(_logger, route.Name, budget.TotalMilliseconds);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RouteFailed(_logger, route.Name, exception);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "The {Route} route failed and was left out of this answer")]
        public static partial void RouteFailed(ILogger logger, string route, Exception exception);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "The {Route} route took longer than its {BudgetMs} ms budget and was left out of this answer")]
        public static partial void RouteTimedOut(ILogger logger, string route, double budgetMs);
    }
}
