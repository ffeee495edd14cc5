namespace Assistant.Bot.Slack;

/// <summary>
/// The bot's own Slack user id: taken from the events' <c>authorizations</c>, or asked once with <c>auth.test</c>
/// when an event carries none. Needed to strip the bot's mention and to ignore its own messages.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class SlackBotIdentity
{
    private readonly SlackApiClient _client;
    private readonly ILogger<SlackBotIdentity> _logger;
    private readonly SemaphoreSlim _lookup = new(1, 1);
    private volatile string? _userId;

    public SlackBotIdentity(SlackApiClient client, ILogger<SlackBotIdentity> logger)
    {
        _client = client;
        _logger = logger;
    }

    /// <summary>The bot's user id if it is already known, without asking Slack; null otherwise.</summary>
    public string? KnownUserId => _userId;

    /// <summary>The bot's user id: <paramref name="fromEvent"/> when the event named it, else the one known or looked up; null when unknown.</summary>
    public async Task<string?> ResolveAsync(string? fromEvent, CancellationToken cancellationToken = default)
    {
        if (fromEvent is not null)
        {
            _userId = fromEvent;
            return fromEvent;
        }

        if (_userId is { } known)
        {
            return known;
        }

        await _lookup.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _userId ??= await _client.GetBotUserIdAsync(cancellationToken).ConfigureAwait(false);
            return _userId;
        }
        catch (SlackApiException e)
        {
            // Without the id the mention cannot be stripped; the question is still answered.
            SlackLog.ApiFailed(_logger, e.Method, e.Error);
            return null;
        }
        finally
        {
            _lookup.Release();
        }
    }
}
