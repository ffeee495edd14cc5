namespace Assistant.Rag.Ingestion;

/// <summary>
/// Renders table rows as text that still makes sense when one row ends up in a chunk on its own:
/// "Header: value; Header: value". Stateless and thread-safe.
/// </summary>
internal static class TableFormatter
{
    /// <summary>Renders <paramref name="rows"/>; the header row, when there is one, labels the cells and is not repeated.</summary>
    public static string Format(IReadOnlyList<string>? header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var lines = rows.Select(row => Row(header, row)).Where(line => line.Length > 0).ToList();
        if (lines.Count == 0 && header is not null)
        {
            return string.Join(" | ", header);
        }

        return string.Join("\n", lines);
    }

    private static string Row(IReadOnlyList<string>? header, IReadOnlyList<string> cells)
    {
        var parts = new List<string>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].Length == 0)
            {
                continue;
            }

            var label = header is not null && i < header.Count ? header[i] : string.Empty;
            parts.Add(label.Length > 0 && label != cells[i] ? $"{label}: {cells[i]}" : cells[i]);
        }

        return string.Join("; ", parts);
    }
}
