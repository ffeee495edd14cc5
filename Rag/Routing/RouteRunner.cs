using System.Diagnostics;
using Assistant.Rag.Indexes;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Routing;

/// <summary>
/// Runs one route's search under its time budget. A route that throws or overruns gives null (and a warning in the
/// log), so one slow or broken backend costs that route's evidence, not the answer.
/// </summary>
/// <remarks>
/// Thread-safe. The budget holds even for a route that ignores its cancellation token: the wait ends at the deadline.
/// Each search is a span "route {name}" (a child of the caller's span) and a measurement of
/// <c>assistant.route.duration</c>; a failure or overrun also counts in <c>assistant.route.failures</c>.
/// </remarks>
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
        using var activity = RagTelemetry.ActivitySource.StartActivity("route " + route.Name);
        activity?.SetTag(RouteMetrics.RouteTag, route.Name);
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        try
        {
            var hits = await route.SearchAsync(query, top, deadline.Token).WaitAsync(budget, _time, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("assistant.route.hits", hits.Count);
            Ended(activity, route.Name, "ok", started);
            return hits;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is TimeoutException or OperationCanceledException)
        {
            Log.RouteTimedOut(_logger, route.Name, budget.TotalMilliseconds);
            Ended(activity, route.Name, "timeout", started);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RouteFailed(_logger, route.Name, exception);
            activity?.SetTag("error.type", exception.GetType().FullName);
            Ended(activity, route.Name, "failed", started);
            return null;
        }
    }

    private static void Ended(Activity? activity, string route, string outcome, long started)
    {
        var tags = new TagList { { RouteMetrics.RouteTag, route }, { RouteMetrics.OutcomeTag, outcome } };
        RouteMetrics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        if (outcome != "ok")
        {
            RouteMetrics.Failures.Add(1, tags);
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }

        activity?.SetTag(RouteMetrics.OutcomeTag, outcome);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "The {Route} route failed and was left out of this answer")]
        public static partial void RouteFailed(ILogger logger, string route, Exception exception);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "The {Route} route took longer than its {BudgetMs} ms budget and was left out of this answer")]
        public static partial void RouteTimedOut(ILogger logger, string route, double budgetMs);
    }
}
