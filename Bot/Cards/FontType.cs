using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>Font family of a <see cref="TextBlock"/>. Written as its name, as the schema spells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FontType>))]
internal enum FontType
{
    /// <summary>"Default".</summary>
    Default,

    /// <summary>"Monospace": queries and code.</summary>
    Monospace,
}
