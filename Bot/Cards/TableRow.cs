using System.Text.Json.Serialization;

namespace Assistant.Bot.Cards;

/// <summary>A row of a <see cref="Table"/>.</summary>
/// <param name="Cells">One cell per column.</param>
internal sealed record TableRow([property: JsonPropertyOrder(1)] IReadOnlyList<TableCell> Cells)
{
    /// <summary>Always "TableRow".</summary>
    public string Type => "TableRow";
}
