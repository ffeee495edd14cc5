using System.Text.Json;

namespace Assistant.Bot.Teams;

/// <summary>The fields of an inbound Bot Framework activity that the bot reads (protocols: Activity schema).</summary>
internal sealed record TeamsActivity
{
    /// <summary>"message", "invoke", "conversationUpdate", "installationUpdate", ….</summary>
    public string? Type { get; init; }

    /// <summary>The activity's id; replies name it.</summary>
    public string? Id { get; init; }

    /// <summary>Base address of the Bot Connector for this conversation; every outbound call goes there.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary>"msteams" for Teams.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The sender.</summary>
    public ChannelAccount? From { get; init; }

    /// <summary>The bot.</summary>
    public ChannelAccount? Recipient { get; init; }

    /// <summary>The conversation.</summary>
    public ConversationAccount? Conversation { get; init; }

    /// <summary>Message text, with "&lt;at&gt;Bot&lt;/at&gt;" in channels and group chats.</summary>
    public string? Text { get; init; }

    /// <summary>Mentions, client info and the like.</summary>
    public IReadOnlyList<JsonElement>? Entities { get; init; }

    /// <summary>Card data (Action.Submit) or the invoke's payload.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>The invoke's name, e.g. "adaptiveCard/action".</summary>
    public string? Name { get; init; }

    /// <summary>On card actions and feedback: the bot message acted on.</summary>
    public string? ReplyToId { get; init; }

    /// <summary>Teams-specific data: tenant, team, channel.</summary>
    public JsonElement? ChannelData { get; init; }

    /// <summary>On installationUpdate: "add", "remove", "add-upgrade" or "remove-upgrade".</summary>
    public string? Action { get; init; }

    /// <summary>On conversationUpdate: who joined.</summary>
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    /// <summary>The tenant: channelData.tenant.id, else conversation.tenantId.</summary>
    public string? TenantId =>
        ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
        && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : Conversation?.TenantId;
}
