using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.LoadTool.Fakes;

namespace Assistant.LoadTool.Channels;

/// <summary>
/// Sends what Slack sends: signed Events API <c>app_mention</c> callbacks to <c>/slack/events</c> and signed
/// <c>block_actions</c> clicks to <c>/slack/interactivity</c> (v0 signature: HMAC-SHA256 over "v0:ts:body").
/// </summary>
internal sealed class SlackClient(string baseUrl)
{
    /// <summary>Sends an @mention of the bot; <paramref name="retry"/> &gt; 0 marks it as Slack's n-th redelivery.</summary>
    public Task<Outcome> MentionAsync(string eventId, string channel, string user, string ts, string question, int retry = 0)
    {
        var body = new JsonObject
        {
            ["token"] = "unused",
            ["team_id"] = "TLOAD",
            ["api_app_id"] = "ALOAD",
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "TLOAD", ["user_id"] = SlackFake.BotUserId, ["is_bot"] = true }),
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention",
                ["user"] = user,
                ["text"] = $"<@{SlackFake.BotUserId}> {question}",
                ["ts"] = ts,
                ["channel"] = channel,
                ["event_ts"] = ts,
            },
        }.ToJsonString();
        var request = Signed("/slack/events", body, "application/json");
        if (retry > 0)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return LoopbackHttp.SendAsync(request);
    }

    /// <summary>Clicks 👍 on the answer message <paramref name="messageTs"/> in the thread <paramref name="threadTs"/>.</summary>
    public Task<Outcome> VoteAsync(string channel, string user, string threadTs, string messageTs, string answerId)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user },
            ["team"] = new JsonObject { ["id"] = "TLOAD" },
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channel, ["message_ts"] = messageTs },
            ["channel"] = new JsonObject { ["id"] = channel },
            ["message"] = new JsonObject
            {
                ["ts"] = messageTs,
                ["thread_ts"] = threadTs,
                ["text"] = "answer",
                ["blocks"] = new JsonArray(new JsonObject
                {
                    ["type"] = "actions",
                    ["block_id"] = "feedback",
                    ["elements"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "feedback_up", ["value"] = answerId }),
                }),
            },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "feedback_up", ["block_id"] = "feedback", ["value"] = answerId }),
        };
        var form = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        return LoopbackHttp.SendAsync(Signed("/slack/interactivity", form, "application/x-www-form-urlencoded"));
    }

    private HttpRequestMessage Signed(string path, string body, string contentType)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(SlackFake.SigningSecret),
            Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + path))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return request;
    }
}
