using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>Font size of a <see cref="TextBlock"/>. Written as its name, as the schema spells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextSize>))]
internal enum TextSize
{
    /// <summary>"Default".</summary>
    Default,

    /// <summary>"Small".</summary>
    Small,

    /// <summary>"Medium".</summary>
    Medium,

    /// <summary>"Large".</summary>
    Large,

    /// <summary>"ExtraLarge".</summary>
    ExtraLarge,
}
