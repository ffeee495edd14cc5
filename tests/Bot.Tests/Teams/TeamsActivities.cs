using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Teams;

/// <summary>Activities shaped as Teams sends them (Bot Framework schema, Teams docs' samples).</summary>
internal static class TeamsActivities
{
    public const string BotId = "28:" + FakeBotFramework.AppId;
    public const string UserMri = "29:1a2b3c4d5e6f-user-mri";
    public const string UserAadId = "00000000-aaaa-4bbb-8ccc-000000000001";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string PersonalConversation = "a:1pL2x3Q4rS5tU6vW7yZ8-personal";
    public const string GroupConversation = "19:meeting_group-chat@thread.v2";
    public const string ChannelConversation = "19:e1d2c3b4a5@thread.tacv2;messageid=1699999999999";

    public static JsonObject Message(string serviceUrl, string text, string conversationId = PersonalConversation, string conversationType = "personal", string id = "1700000000111")
    {
        var activity = Base("message", serviceUrl, conversationId, conversationType, id);
        activity["text"] = text;
        activity["textFormat"] = "plain";
        activity["locale"] = "en-US";
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "clientInfo",
            ["locale"] = "en-US",
            ["country"] = "US",
            ["platform"] = "Web",
        });
        return activity;
    }

    /// <summary>A channel or group message that @mentions the bot, as Teams delivers it.</summary>
    public static JsonObject MentionMessage(string serviceUrl, string question, string conversationId, string conversationType)
    {
        var activity = Message(serviceUrl, $"<at>Fernhill Assistant</at> {question}", conversationId, conversationType);
        activity["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "Fernhill Assistant" },
            ["text"] = "<at>Fernhill Assistant</at>",
        });
        if (conversationType == "channel")
        {
            activity["channelData"]!["team"] = new JsonObject { ["id"] = "19:team-general@thread.tacv2", ["name"] = "Fernhill" };
            activity["channelData"]!["channel"] = new JsonObject { ["id"] = "19:e1d2c3b4a5@thread.tacv2", ["name"] = "General" };
        }

        return activity;
    }

    public static JsonObject FeedbackInvoke(string serviceUrl, string replyToId, string reaction) =>
        Invoke(serviceUrl, "message/submitAction", replyToId, new JsonObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JsonObject
            {
                ["reaction"] = reaction,
                ["feedback"] = "{\"feedbackText\":\"\"}",
            },
        });

    public static JsonObject ExecuteInvoke(string serviceUrl, string replyToId, string verb, JsonObject data) =>
        Invoke(serviceUrl, "adaptiveCard/action", replyToId, new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["id"] = "feedback-up",
                ["verb"] = verb,
                ["data"] = data,
            },
            ["trigger"] = "manual",
        });

    public static JsonObject Invoke(string serviceUrl, string name, string replyToId, JsonNode value)
    {
        var activity = Base("invoke", serviceUrl, PersonalConversation, "personal", "f:invoke-1");
        activity["name"] = name;
        activity["replyToId"] = replyToId;
        activity["value"] = value;
        return activity;
    }

    public static JsonObject SubmitMessage(string serviceUrl, string replyToId, JsonObject value)
    {
        var activity = Base("message", serviceUrl, PersonalConversation, "personal", "1700000000222");
        activity["replyToId"] = replyToId;
        activity["value"] = value;
        return activity;
    }

    public static JsonObject BotAdded(string serviceUrl)
    {
        var activity = Base("conversationUpdate", serviceUrl, ChannelConversation, "channel", "f:update-1");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        return activity;
    }

    public static HttpRequestMessage Post(JsonObject activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static JsonObject Base(string type, string serviceUrl, string conversationId, string conversationType, string id) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["timestamp"] = "2026-11-29T09:00:00.000Z",
        ["localTimestamp"] = "2026-11-29T10:00:00.000+01:00",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = UserMri, ["name"] = "Megan Bowen", ["aadObjectId"] = UserAadId },
        ["conversation"] = new JsonObject
        {
            ["conversationType"] = conversationType,
            ["tenantId"] = TenantId,
            ["id"] = conversationId,
            ["isGroup"] = conversationType != "personal",
        },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Fernhill Assistant" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };
}
