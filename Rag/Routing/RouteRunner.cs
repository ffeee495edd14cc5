using System.Diagnostics;
using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;
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
    public Task<IReadOnlyList<ScoredId>?> SearchAsync(IRetrievalRoute route, RouteQuery query, int top, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        return RunAsync(
            route.Name,
            token => route.SearchAsync(query, top, token),
            (activity, hits) => activity?.SetTag("assistant.route.hits", hits.Count),
            budget,
            cancellationToken);
    }

    /// <summary>
    /// A structured route's reply to <paramref name="question"/>, or null when it failed or took longer than
    /// <paramref name="budget"/> (logged like a text route's failure); <paramref name="access"/> is whose documents it may draw on.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (not the budget).</exception>
    public Task<StructuredReply?> AnswerAsync(IStructuredRoute route, string question, string language, TimeSpan budget, CancellationToken cancellationToken = default) =>
        AnswerAsync(route, question, language, budget, access: null, cancellationToken);

    /// <inheritdoc cref="AnswerAsync(IStructuredRoute, string, string, TimeSpan, CancellationToken)"/>
    public Task<StructuredReply?> AnswerAsync(IStructuredRoute route, string question, string language, TimeSpan budget, Access.AccessFilter? access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        var asked = new StructuredQuestion(question, language, _time.GetUtcNow(), access);
        return RunAsync(
            route.Name,
            token => route.AnswerAsync(asked, token),
            (activity, reply) =>
            {
                activity?.SetTag("assistant.route.answered", reply.Answered);
                activity?.SetTag("assistant.route.confidence", reply.Confidence);
            },
            budget,
            cancellationToken);
    }

    private async Task<T?> RunAsync<T>(string name, Func<CancellationToken, Task<T>> call, Action<Activity?, T> tag, TimeSpan budget, CancellationToken cancellationToken)
        where T : class
    {
        using var activity = RagTelemetry.ActivitySource.StartActivity("route " + name);
        activity?.SetTag(RouteMetrics.RouteTag, name);
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        try
        {
            var result = await call(deadline.Token).WaitAsync(budget, _time, cancellationToken).ConfigureAwait(false);
            tag(activity, result);
            Ended(activity, name, "ok", started);
            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is TimeoutException or OperationCanceledException)
        {
            Log.RouteTimedOut(_logger, name, budget.TotalMilliseconds);
            Ended(activity, name, "timeout", started);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RouteFailed(_logger, name, exception);
            activity?.SetTag("error.type", exception.GetType().FullName);
            Ended(activity, name, "failed", started);
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
