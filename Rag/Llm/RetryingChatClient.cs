using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Assistant.Rag.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Llm;

/// <summary>
/// The inner layer of the call policy: each attempt gets <see cref="LlmOptions.TimeoutSeconds"/>, and a transient
/// failure (HTTP 408, 429 or 5xx, a connection error, an attempt that timed out) is retried up to
/// <see cref="LlmOptions.MaxRetries"/> times with exponential backoff, or after the endpoint's Retry-After. Any other
/// failure (a 400, 401, 404: a request the endpoint will refuse again) is thrown at once.
/// </summary>
/// <remarks>
/// Thread-safe. The step's own deadline is the caller's token: when it runs out during an attempt or a backoff, the
/// cancellation is thrown and the policy reports the step as timed out.
/// </remarks>
internal sealed partial class RetryingChatClient : DelegatingChatClient
{
    /// <summary>First backoff; doubled each retry, with jitter.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait honoured from a Retry-After header; a longer one gives up instead.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly IOptionsMonitor<LlmOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RetryingChatClient(IChatClient inner, IOptionsMonitor<LlmOptions> options, TimeProvider time, ILogger logger)
        : base(inner)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var settings = _options.CurrentValue;
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        for (var attempt = 0; ; attempt++)
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            Exception failure;
            try
            {
                return await base.GetResponseAsync(list, options, attemptTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The attempt's own timeout, or the connector's network timeout: both say this attempt was too slow.
                failure = new TimeoutException($"The LLM did not answer within {settings.TimeoutSeconds} s.", exception);
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                failure = exception;
            }

            var wait = RetryAfter(failure) ?? Backoff(attempt);
            if (attempt >= settings.MaxRetries || wait > MaxRetryAfter)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            var status = StatusOf(failure);
            Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["http.response.status_code"] = status, ["error.type"] = failure.GetType().Name }));
            Log.Retrying(_logger, failure.GetType().Name, status, attempt + 1, settings.MaxRetries, wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True for failures worth another attempt: 408, 429 and 5xx answers, connection errors (no answer at all) and
    /// timeouts. False for every other answer of the endpoint (4xx) and for anything else.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException => true,
        ClientResultException result => result.Status == 0 || IsTransientStatus(result.Status),
        HttpRequestException http => http.StatusCode is null ? http.HttpRequestError != HttpRequestError.ConfigurationLimitExceeded : IsTransientStatus((int)http.StatusCode),
        IOException or SocketException => true,
        _ => false,
    };

    /// <summary>The HTTP status of a failure, 0 when there was no answer (or it is not an HTTP failure).</summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        ClientResultException result => result.Status,
        HttpRequestException { StatusCode: { } status } => (int)status,
        LlmCallException { InnerException: { } inner } => StatusOf(inner),
        _ => 0,
    };

    private static bool IsTransientStatus(int status) => status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;

    // OpenAI sends retry-after-ms as well as the standard Retry-After (seconds or an HTTP date).
    private TimeSpan? RetryAfter(Exception exception)
    {
        if (exception is not ClientResultException result || result.GetRawResponse() is not { } response)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds) && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (response.Headers.TryGetValue("Retry-After", out var retryAfter) && retryAfter is not null)
        {
            if (int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - _time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(FirstBackoff.TotalMilliseconds * Math.Pow(2, attempt) * (0.8 + (Random.Shared.NextDouble() * 0.4)));

    private static partial class Log
    {
        [LoggerMessage(EventId = 1706, Level = LogLevel.Information, Message = "An LLM attempt failed ({ErrorType}, status {Status}); retry {Retry} of {Retries} in {Milliseconds:F0} ms")]
        public static partial void Retrying(ILogger logger, string errorType, int status, int retry, int retries, double milliseconds);
    }
}
