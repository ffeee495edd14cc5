using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Slack;

/// <summary>Builds requests shaped like Slack's, signed as Slack signs them (written from the documented algorithm, not the bot's code).</summary>
internal static class SlackRequests
{
    public const string SigningSecret = "test-signing-secret-8f742231b10e";
    public const string TeamId = "T0001";

    public static HttpRequestMessage Signed(string path, string body, string contentType = "application/json", DateTimeOffset? at = null, string secret = SigningSecret)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Signature(secret, timestamp, body));
        return request;
    }

    public static string Signature(string secret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    /// <summary>An <c>event_callback</c> envelope as documented, with the bot's authorization.</summary>
    public static string EventCallback(string eventId, JsonObject ev, bool withAuthorizations = true)
    {
        var envelope = new JsonObject
        {
            ["token"] = "legacy-verification-token",
            ["team_id"] = TeamId,
            ["api_app_id"] = "A0001",
            ["event"] = ev,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1764400000,
            ["event_context"] = "EC0001",
            ["is_ext_shared_channel"] = false,
            ["context_team_id"] = TeamId,
        };
        if (withAuthorizations)
        {
            envelope["authorizations"] = new JsonArray(new JsonObject
            {
                ["enterprise_id"] = null,
                ["team_id"] = TeamId,
                ["user_id"] = FakeSlackApi.BotUserId,
                ["is_bot"] = true,
                ["is_enterprise_install"] = false,
            });
        }

        return envelope.ToJsonString();
    }

    public static JsonObject AppMention(string channel, string user, string text, string ts, string? threadTs = null)
    {
        var ev = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (threadTs is not null)
        {
            ev["thread_ts"] = threadTs;
        }

        return ev;
    }

    public static JsonObject DirectMessage(string channel, string user, string text, string ts) => new()
    {
        ["type"] = "message",
        ["channel"] = channel,
        ["user"] = user,
        ["text"] = text,
        ["ts"] = ts,
        ["event_ts"] = ts,
        ["channel_type"] = "im",
    };

    /// <summary>A <c>block_actions</c> payload for a click on a button of <paramref name="message"/>, form-encoded as Slack posts it.</summary>
    public static string BlockActions(string user, string channel, string messageTs, JsonArray blocks, string text, string actionId, string value)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = TeamId, ["domain"] = "fernhill" },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = "someone", ["team_id"] = TeamId },
            ["api_app_id"] = "A0001",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["trigger_id"] = "1.2.3",
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "general" },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = text, ["bot_id"] = "BBOT0001", ["blocks"] = blocks.DeepClone() },
            ["response_url"] = "https://hooks.slack.invalid/actions/T0001/1/x",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId,
                ["block_id"] = "feedback",
                ["type"] = "button",
                ["value"] = value,
                ["action_ts"] = "1764400001.000100",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "👍 Helpful", ["emoji"] = true },
            }),
        };
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    }
}
