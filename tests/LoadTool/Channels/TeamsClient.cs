using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.LoadTool.Fakes;

namespace Assistant.LoadTool.Channels;

/// <summary>
/// Sends what the Bot Connector sends to <c>/api/messages</c>: personal-chat message activities and the card's
/// 👍 as an <c>adaptiveCard/action</c> invoke (verb "feedback", data {answerId, vote}), each with a channel token.
/// </summary>
internal sealed class TeamsClient(string baseUrl, TeamsFake teams)
{
    public Task<Outcome> MessageAsync(string activityId, string conversationId, string user, string text) =>
        LoopbackHttp.SendAsync(Post(Activity("message", activityId, conversationId, user, new JsonObject { ["text"] = text })));

    /// <summary>The invoke's outcome; its detail is the invoke response's own statusCode (200, 404, …).</summary>
    public Task<Outcome> VoteAsync(string conversationId, string user, string replyToId, string answerId)
    {
        var extra = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["replyToId"] = replyToId,
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["verb"] = "feedback",
                    ["data"] = new JsonObject { ["answerId"] = answerId, ["vote"] = "up" },
                },
                ["trigger"] = "manual",
            },
        };
        return LoopbackHttp.SendAsync(
            Post(Activity("invoke", "invoke-" + Guid.NewGuid().ToString("N"), conversationId, user, extra)),
            async response =>
            {
                try
                {
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
                    return (null, body?["statusCode"]?.ToString());
                }
                catch (JsonException)
                {
                    return (null, null);
                }
            });
    }

    private JsonObject Activity(string type, string id, string conversationId, string user, JsonObject extra)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = teams.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:" + user, ["name"] = user, ["aadObjectId"] = user },
            ["recipient"] = new JsonObject { ["id"] = "28:" + TeamsFake.AppId, ["name"] = "Assistant" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "tenant-load" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-load" } },
        };
        foreach (var (key, value) in extra)
        {
            activity[key] = value?.DeepClone();
        }

        return activity;
    }

    private HttpRequestMessage Post(JsonObject activity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + "/api/messages"))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teams.ChannelToken);
        return request;
    }
}
