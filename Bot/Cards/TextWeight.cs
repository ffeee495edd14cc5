using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>Font weight of a <see cref="TextBlock"/>. Written as its name, as the schema spells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextWeight>))]
internal enum TextWeight
{
    /// <summary>"Default".</summary>
    Default,

    /// <summary>"Lighter".</summary>
    Lighter,

    /// <summary>"Bolder".</summary>
    Bolder,
}
