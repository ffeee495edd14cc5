using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>An element of a card's body; the JSON "type" is written from the derived record.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(Table), "Table")]
internal abstract record CardElement
{
    /// <summary>Element id, unique in the card; null for none.</summary>
    public string? Id { get; init; }

    /// <summary>Space above the element, or null for the host's default.</summary>
    public Spacing? Spacing { get; init; }

    /// <summary>Draws a line above the element when true.</summary>
    public bool? Separator { get; init; }
}
