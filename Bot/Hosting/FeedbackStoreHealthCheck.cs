using Assistant.Rag.Feedback;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Assistant.Bot.Hosting;

/// <summary>
/// The feedback store (SQLite or PostgreSQL): one read of the votes of an answer id that never exists, so the check
/// goes through the store's own connection and query path and writes nothing. Optional for answering (a store that is
/// down costs the votes, not the answers), so a failure reports the registration's failure status (degraded).
/// </summary>
/// <remarks>IFeedbackStore has no ping of its own; this read is the cheapest real round trip it offers (an index lookup).</remarks>
/// <param name="store">The store the channels write to.</param>
/// <param name="history">The same store's read side (one instance serves both); only named in the description.</param>
internal sealed class FeedbackStoreHealthCheck(IFeedbackStore store, IFeedbackHistory history) : IHealthCheck
{
    /// <summary>An answer id no answer gets (answer ids are 32 hex digits).</summary>
    private const string ProbeAnswerId = "readiness-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backend = history switch
        {
            PostgresFeedbackStore => "PostgreSQL",
            SqliteFeedbackStore => "SQLite",
            _ => "store",
        };
        try
        {
            await store.GetVotesAsync(ProbeAnswerId, cancellationToken).WaitAsync(HealthEndpoints.CheckTimeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{backend}: reachable");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's message may quote the connection string's host; its type is enough here, the log has the rest.
            return new HealthCheckResult(context.Registration.FailureStatus, $"{backend}: unreachable ({exception.GetType().Name}); votes are refused until it is back");
        }
    }
}
