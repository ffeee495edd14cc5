namespace Assistant.Bot.Cards;

/// <summary>An Adaptive Card <c>Table</c> (schema 1.5): rows of cells under column definitions.</summary>
/// <param name="Columns">One definition per column.</param>
/// <param name="Rows">The rows, the heading row first when <see cref="FirstRowAsHeaders"/>.</param>
internal sealed record Table(IReadOnlyList<TableColumnDefinition> Columns, IReadOnlyList<TableRow> Rows) : CardElement
{
    /// <summary>Shows the first row as headings.</summary>
    public bool? FirstRowAsHeaders { get; init; } = true;

    /// <summary>Draws lines between cells.</summary>
    public bool? ShowGridLines { get; init; } = true;
}
