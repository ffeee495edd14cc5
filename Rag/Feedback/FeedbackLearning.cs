using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Feedback;

/// <summary>
/// Keeps the current <see cref="FeedbackModel"/> in memory so that retrieval pays for a few dot products, not a
/// database read: the model is rebuilt from the store after a vote is recorded here (<see cref="Invalidate"/>), when
/// the options change, and every <see cref="FeedbackOptions.RefreshSeconds"/> (votes taken by other replicas).
/// While one caller rebuilds, the others keep using the previous model. A store that cannot be read leaves the last
/// model in place (logged), so feedback can never stop answers.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed partial class FeedbackLearning : IDisposable
{
    private readonly IFeedbackHistory _history;
    private readonly IOptionsMonitor<FeedbackOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private long _version;
    private volatile Snapshot? _current;

    public FeedbackLearning(IFeedbackHistory history, IOptionsMonitor<FeedbackOptions> options, TimeProvider time, ILogger<FeedbackLearning> logger)
    {
        _history = history;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Marks the model stale: the next retrieval rebuilds it. Call after a vote is stored or learning is reset.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>The model to rank with now; <see cref="FeedbackModel.Empty"/> when feedback is disabled.</summary>
    public async ValueTask<FeedbackModel> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.CurrentValue;
        if (!options.Enabled)
        {
            return FeedbackModel.Empty;
        }

        var current = _current;
        if (current is not null && IsFresh(current, options))
        {
            return current.Model;
        }

        if (current is not null && !await _rebuild.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return current.Model;
        }

        if (current is null)
        {
            await _rebuild.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            current = _current;
            if (current is not null && IsFresh(current, options))
            {
                return current.Model;
            }

            var version = Interlocked.Read(ref _version);
            var now = _time.GetUtcNow();
            FeedbackModel model;
            try
            {
                model = FeedbackModel.Build(await _history.LoadVotedAnswersAsync(cancellationToken).ConfigureAwait(false), options, now);
                Log.Rebuilt(_logger, model.Votes, model.Questions);
            }
            catch (FeedbackStoreException exception)
            {
                model = current?.Model ?? FeedbackModel.Empty;
                Log.LoadFailed(_logger, exception);
            }

            _current = new Snapshot(model, version, now, options);
            return model;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _rebuild.Dispose();

    private bool IsFresh(Snapshot snapshot, FeedbackOptions options) =>
        snapshot.Version == Interlocked.Read(ref _version)
        && ReferenceEquals(snapshot.Options, options)
        && _time.GetUtcNow() - snapshot.LoadedAt < TimeSpan.FromSeconds(options.RefreshSeconds);

    private sealed record Snapshot(FeedbackModel Model, long Version, DateTimeOffset LoadedAt, FeedbackOptions Options);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1601, Level = LogLevel.Debug, Message = "Feedback model rebuilt from {Votes} votes ({Questions} voted questions in memory)")]
        public static partial void Rebuilt(ILogger logger, int votes, int questions);

        [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Reading the feedback store failed; ranking keeps the previous feedback model")]
        public static partial void LoadFailed(ILogger logger, Exception exception);
    }
}
