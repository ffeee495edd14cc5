using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Cards.BlockKit;

namespace Assistant.Bot.Slack;

/// <summary>
/// Calls the Slack Web API with the bot token: JSON bodies, <c>ok:false</c> turned into <see cref="SlackApiException"/>,
/// 429 retried after the Retry-After Slack gives, 5xx and network failures retried with backoff and jitter.
/// </summary>
/// <remarks>Thread-safe. Uses a client from <see cref="IHttpClientFactory"/> per call, so handlers rotate as usual.</remarks>
internal sealed class SlackApiClient
{
    /// <summary>The named <see cref="HttpClient"/> (base address Slack:ApiBaseUrl, bearer Slack:BotToken).</summary>
    public const string HttpClientName = "Slack";

    /// <summary>Tries per call, the first included.</summary>
    public const int MaxAttempts = 4;

    /// <summary>A Retry-After longer than this is not waited for: the call fails instead.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan BaseBackoff = TimeSpan.FromMilliseconds(500);

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackApiClient> _logger;

    public SlackApiClient(IHttpClientFactory clients, TimeProvider time, ILogger<SlackApiClient> logger)
    {
        _clients = clients;
        _time = time;
        _logger = logger;
    }

    /// <summary>Posts a message (in a thread when <paramref name="threadTs"/> is set) and returns its <c>ts</c>.</summary>
    public async Task<string> PostMessageAsync(string channel, string? threadTs, SlackMessage message, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["channel"] = channel,
            ["text"] = message.Text,
            ["blocks"] = BlockKitJson.ToJsonArray(message.Blocks),
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
        };
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        using var response = await CallAsync("chat.postMessage", body, cancellationToken).ConfigureAwait(false);
        return SlackPayload.String(response.RootElement, "ts")
            ?? throw new SlackApiException("chat.postMessage", "no ts in the response");
    }

    /// <summary>Replaces the text and blocks of the bot's message <paramref name="ts"/>.</summary>
    public Task UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken = default) =>
        UpdateMessageAsync(channel, ts, message.Text, BlockKitJson.ToJsonArray(message.Blocks), cancellationToken);

    /// <summary>Replaces the text and blocks (as JSON) of the bot's message <paramref name="ts"/>.</summary>
    public async Task UpdateMessageAsync(string channel, string ts, string text, JsonArray blocks, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text, ["blocks"] = blocks };
        using var _ = await CallAsync("chat.update", body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Shows <paramref name="text"/> to one user only, in the channel (and thread) given.</summary>
    public async Task PostEphemeralAsync(string channel, string user, string? threadTs, string text, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text };
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        using var _ = await CallAsync("chat.postEphemeral", body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bot's own user id, from <c>auth.test</c>.</summary>
    public async Task<string> GetBotUserIdAsync(CancellationToken cancellationToken = default)
    {
        using var response = await CallAsync("auth.test", new JsonObject(), cancellationToken).ConfigureAwait(false);
        return SlackPayload.String(response.RootElement, "user_id")
            ?? throw new SlackApiException("auth.test", "no user_id in the response");
    }

    /// <summary>Calls <paramref name="method"/> with a JSON body; the caller disposes the response document.</summary>
    /// <exception cref="SlackApiException">Slack said <c>ok:false</c>, answered an HTTP error, or could not be reached.</exception>
    public async Task<JsonDocument> CallAsync(string method, JsonObject body, CancellationToken cancellationToken = default)
    {
        var json = body.ToJsonString(BlockKitJson.Options);
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            string reason;
            try
            {
                var client = _clients.CreateClient(HttpClientName);
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(method, UriKind.Relative))
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    wait = RetryAfter(response.Headers.RetryAfter);
                    if (wait > MaxRetryAfter)
                    {
                        throw new SlackApiException(method, "ratelimited");
                    }

                    reason = "429";
                }
                else if ((int)response.StatusCode >= 500)
                {
                    wait = Backoff(attempt);
                    reason = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (!response.IsSuccessStatusCode)
                {
                    throw new SlackApiException(method, $"http_{(int)response.StatusCode}");
                }
                else
                {
                    return await ReadAsync(method, response, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (HttpRequestException e)
            {
                if (attempt >= MaxAttempts)
                {
                    throw new SlackApiException(method, "unreachable", e);
                }

                wait = Backoff(attempt);
                reason = "unreachable";
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout, not the caller's cancellation.
                if (attempt >= MaxAttempts)
                {
                    throw new SlackApiException(method, "timeout", e);
                }

                wait = Backoff(attempt);
                reason = "timeout";
            }

            if (attempt >= MaxAttempts)
            {
                throw new SlackApiException(method, reason == "429" ? "ratelimited" : $"http_{reason}");
            }

            SlackLog.Retrying(_logger, method, reason, attempt, wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<JsonDocument> ReadAsync(string method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException e)
        {
            throw new SlackApiException(method, "response is not JSON", e);
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("ok", out var ok)
            && ok.ValueKind == JsonValueKind.True)
        {
            return document;
        }

        var error = SlackPayload.String(root, "error") ?? "ok is not true";
        document.Dispose();
        throw new SlackApiException(method, error);
    }

    private TimeSpan RetryAfter(RetryConditionHeaderValue? header)
    {
        // Slack sends seconds; an HTTP date is honoured too, and a missing header means "a moment".
        var wait = header?.Delta
            ?? (header?.Date is { } date ? date - _time.GetUtcNow() : TimeSpan.FromSeconds(1));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static TimeSpan Backoff(int attempt) =>
        (BaseBackoff * Math.Pow(2, attempt - 1)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
}
