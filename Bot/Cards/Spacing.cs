using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>Space above an element. Written as its name, as the schema spells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Spacing>))]
internal enum Spacing
{
    /// <summary>"None".</summary>
    None,

    /// <summary>"Small".</summary>
    Small,

    /// <summary>"Default".</summary>
    Default,

    /// <summary>"Medium".</summary>
    Medium,

    /// <summary>"Large".</summary>
    Large,

    /// <summary>"ExtraLarge".</summary>
    ExtraLarge,

    /// <summary>"Padding".</summary>
    Padding,
}
