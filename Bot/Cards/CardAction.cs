using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>A button on a card; the JSON "type" is written from the derived record.</summary>
/// <param name="Title">The button's label.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
internal abstract record CardAction([property: JsonPropertyOrder(-1)] string Title)
{
    /// <summary>Action id, unique in the card; null for none.</summary>
    public string? Id { get; init; }
}
