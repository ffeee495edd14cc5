using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards.BlockKit;

/// <summary>A Block Kit layout block; the JSON "type" is written from the derived record.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
internal abstract record SlackBlock
{
    /// <summary>At most 255 characters, unique in the message; null lets Slack choose one.</summary>
    public string? BlockId { get; init; }
}
