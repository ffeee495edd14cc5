using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Assistant.LoadTool.Fakes;

/// <summary>
/// The Slack Web API as the bot uses it (auth.test, chat.postMessage, chat.update, chat.postEphemeral; payloads as in
/// Bot/Slack/SlackApiClient.cs), recording per question thread (channel and thread ts) what was posted.
/// </summary>
internal sealed class SlackFake
{
    public const string BotUserId = "UBOTLOAD1";
    public const string SigningSecret = "loadtool-signing-secret";
    public const string BotToken = "xoxb-loadtool";

    private readonly ConcurrentDictionary<string, SlackThread> _threads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _placeholderThreads = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Channel, string User, string Text)> _ephemerals = new();
    private int _ts;
    private int _calls;

    public string BaseUrl { get; set; } = string.Empty;

    public int Calls => Volatile.Read(ref _calls);

    public IEnumerable<KeyValuePair<string, string>> BotSettings() =>
    [
        new("Slack__ApiBaseUrl", BaseUrl + "/slack/api/"),
        new("Slack__SigningSecret", SigningSecret),
        new("Slack__BotToken", BotToken),
    ];

    /// <summary>The thread of the question posted as <paramref name="ts"/> in <paramref name="channel"/>, created empty.</summary>
    public SlackThread Thread(string channel, string ts) => _threads.GetOrAdd(Key(channel, ts), _ => new SlackThread());

    /// <summary>Ephemeral notices shown to <paramref name="user"/> in <paramref name="channel"/>.</summary>
    public IReadOnlyList<string> Ephemerals(string channel, string user) =>
        [.. _ephemerals.Where(e => e.Channel == channel && e.User == user).Select(e => e.Text)];

    public void Map(WebApplication app) => app.MapPost("/slack/api/{method}", HandleAsync);

    private static string Key(string channel, string ts) => channel + "|" + ts;

    private async Task<IResult> HandleAsync(HttpContext context, string method)
    {
        Interlocked.Increment(ref _calls);
        var body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false) as JsonObject ?? [];
        var channel = body["channel"]?.GetValue<string>() ?? string.Empty;
        switch (method)
        {
            case "auth.test":
                return Results.Json(new JsonObject { ["ok"] = true, ["user_id"] = BotUserId, ["bot_id"] = "BLOAD1", ["team_id"] = "TLOAD" });

            case "chat.postMessage":
            {
                var ts = string.Create(CultureInfo.InvariantCulture, $"1900000000.{Interlocked.Increment(ref _ts):D6}");
                var threadTs = body["thread_ts"]?.GetValue<string>();
                if (threadTs is not null)
                {
                    var thread = Thread(channel, threadTs);
                    lock (thread)
                    {
                        thread.Placeholders++;
                        thread.PlaceholderTs = ts;
                    }

                    _placeholderThreads[Key(channel, ts)] = Key(channel, threadTs);
                }

                return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts });
            }

            case "chat.update":
            {
                var ts = body["ts"]?.GetValue<string>() ?? string.Empty;
                if (_placeholderThreads.TryGetValue(Key(channel, ts), out var threadKey) && _threads.TryGetValue(threadKey, out var thread))
                {
                    Record(thread, body["blocks"] as JsonArray);
                }

                return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts });
            }

            case "chat.postEphemeral":
                _ephemerals.Enqueue((channel, body["user"]?.GetValue<string>() ?? string.Empty, body["text"]?.GetValue<string>() ?? string.Empty));
                return Results.Json(new JsonObject { ["ok"] = true, ["message_ts"] = string.Create(CultureInfo.InvariantCulture, $"1900000000.{Interlocked.Increment(ref _ts):D6}") });

            default:
                return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "unknown_method" });
        }
    }

    // An answer carries the 👍/👎 buttons (block "feedback") with the answer id; a vote's redraw adds "feedback_thanks";
    // anything else in place of the placeholder is a notice (still loading, something went wrong).
    private static void Record(SlackThread thread, JsonArray? blocks)
    {
        string? answerId = null;
        var thanks = false;
        foreach (var block in blocks ?? [])
        {
            var id = block?["block_id"]?.GetValue<string>();
            if (id == "feedback_thanks")
            {
                thanks = true;
            }
            else if (id == "feedback")
            {
                answerId = block?["elements"]?[0]?["value"]?.GetValue<string>();
            }
        }

        lock (thread)
        {
            if (thanks)
            {
                thread.VoteThanks++;
            }
            else if (answerId is not null)
            {
                thread.Answers++;
                thread.AnswerId = answerId;
                thread.AnsweredAt ??= DateTimeOffset.UtcNow;
            }
            else
            {
                thread.Notices++;
                thread.AnsweredAt ??= DateTimeOffset.UtcNow;
            }
        }
    }
}
