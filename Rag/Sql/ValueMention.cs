namespace Assistant.Rag.Sql;

/// <summary>
/// A database value a question names: <paramref name="Column"/> (table.column) = <paramref name="Value"/>, at a span.
/// The same words can name a value of several columns ("Security" is a team and a department): the others are in
/// <see cref="Also"/>, so an example that reads any of them can take the value.
/// </summary>
internal sealed record ValueMention(string Column, string Value, int Start, int Length)
{
    /// <summary>Other columns holding the same value at the same span.</summary>
    public IReadOnlyList<string> Also { get; init; } = [];

    /// <summary>True when <see cref="Column"/> or one of <see cref="Also"/> is among <paramref name="columns"/>.</summary>
    public bool In(IReadOnlyCollection<string> columns) =>
        columns.Contains(Column, StringComparer.OrdinalIgnoreCase) || Also.Any(c => columns.Contains(c, StringComparer.OrdinalIgnoreCase));

    /// <summary>True when this names <paramref name="value"/> of <paramref name="column"/>.</summary>
    public bool Names(string column, string value) =>
        string.Equals(Value, value, StringComparison.Ordinal) && (Column == column || Also.Contains(column, StringComparer.Ordinal));
}
