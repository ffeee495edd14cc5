using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>A cell of a <see cref="TableRow"/>.</summary>
/// <param name="Items">What the cell shows (one text block).</param>
internal sealed record TableCell([property: JsonPropertyOrder(1)] IReadOnlyList<CardElement> Items)
{
    /// <summary>Always "TableCell".</summary>
    public string Type => "TableCell";
}
