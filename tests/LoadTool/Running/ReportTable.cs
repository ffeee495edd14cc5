using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.LoadTool.Running;

/// <summary>One table of results: printed as aligned plain text, or written as JSON rows.</summary>
internal sealed class ReportTable(string title, params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public string Title { get; } = title;

    public void Add(params object[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"{Title}: {cells.Length} cells for {columns.Length} columns.", nameof(cells));
        }

        _rows.Add([.. cells.Select(Format)]);
    }

    public string ToText()
    {
        var widths = columns.Select((c, i) => Math.Max(c.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder().AppendLine(Title);
        text.AppendLine(string.Join("  ", columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            text.AppendLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        return text.ToString();
    }

    public JsonObject ToJson()
    {
        var rows = new JsonArray();
        foreach (var row in _rows)
        {
            var item = new JsonObject();
            for (var i = 0; i < columns.Length; i++)
            {
                item[columns[i]] = row[i];
            }

            rows.Add(item);
        }

        return new JsonObject { ["title"] = Title, ["rows"] = rows };
    }

    private static string Format(object cell) => cell switch
    {
        double d when double.IsNaN(d) => "-",
        double d => d.ToString(d >= 100 ? "F0" : "F1", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };
}
