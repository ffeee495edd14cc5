namespace Assistant.Bot.Slack;

/// <summary>A Slack Web API call failed: Slack answered <c>ok:false</c>, an HTTP error, or could not be reached after the retries.</summary>
internal sealed class SlackApiException : Exception
{
    public SlackApiException(string method, string error, Exception? innerException = null)
        : base($"Slack {method} failed: {error}", innerException)
    {
        Method = method;
        Error = error;
    }

    /// <summary>The Web API method, e.g. "chat.postMessage".</summary>
    public string Method { get; }

    /// <summary>Slack's error code ("channel_not_found", "not_in_channel", …) or "http_500", "unreachable", "ratelimited".</summary>
    public string Error { get; }
}
