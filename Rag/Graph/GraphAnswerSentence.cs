using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Graph;

/// <summary>
/// The one sentence that states a graph result: the example's template filled from the rows ({0}, {1} … the first row's
/// cells, {*0} every row's first cell as a list), or without one, from the result's shape.
/// </summary>
internal static partial class GraphAnswerSentence
{
    public static string Build(TableResult table, string? template, bool chinese)
    {
        var first = table.Rows.Count > 0 ? table.Rows[0] : null;
        if (template is not null && first is not null && first.All(c => c is not null))
        {
            var filled = ListSlot().Replace(template, m =>
            {
                var column = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                return column < table.Columns.Count ? List(table.Rows.Select(r => Format(r[column])).Distinct(StringComparer.Ordinal).ToList(), table.TotalRows, chinese) : m.Value;
            });
            return string.Format(CultureInfo.InvariantCulture, filled, first.Select(Format).Cast<object>().ToArray());
        }

        if (table.Rows.Count == 0)
        {
            return chinese ? "知识图谱中没有找到符合条件的结果。" : "The knowledge graph has nothing that matches.";
        }

        if (table.Columns.Count == 1)
        {
            var values = table.Rows.Select(r => Format(r[0])).Distinct(StringComparer.Ordinal).ToList();
            return values.Count == 1
                ? (chinese ? $"结果是 {values[0]}。" : $"The answer is {values[0]}.")
                : (chinese ? $"结果：{List(values, table.TotalRows, chinese)}。" : $"The answer: {List(values, table.TotalRows, chinese)}.");
        }

        if (table.Rows.Count == 1)
        {
            var pairs = string.Join(chinese ? "，" : ", ", table.Columns.Select((c, i) => $"{c}: {Format(first![i])}"));
            return chinese ? $"结果：{pairs}。" : $"The result is {pairs}.";
        }

        var shown = table.Truncated ? (chinese ? $"（显示前 {table.Rows.Count} 行）" : $" (first {table.Rows.Count} shown)") : string.Empty;
        return chinese ? $"查询返回了 {table.TotalRows} 行{shown}。" : $"The query returned {table.TotalRows} rows{shown}.";
    }

    public static string Format(object? value) => value switch
    {
        null => "—",
        double d when Math.Abs(d - Math.Round(d)) < 1e-9 && Math.Abs(d) < 1e15 => ((long)Math.Round(d)).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    // "A, B and C"; more than eight shown as the first eight "and 4 more".
    private static string List(IReadOnlyList<string> values, int total, bool chinese)
    {
        const int Shown = 8;
        var head = values.Take(Shown).ToList();
        var rest = Math.Max(values.Count, total) - head.Count;
        if (chinese)
        {
            return string.Join("、", head) + (rest > 0 ? $" 等 {values.Count} 项" : string.Empty);
        }

        if (rest > 0)
        {
            return string.Join(", ", head) + $" and {rest} more";
        }

        return head.Count <= 1 ? string.Join(string.Empty, head) : string.Join(", ", head.Take(head.Count - 1)) + " and " + head[^1];
    }

    [GeneratedRegex(@"\{\*(\d+)\}")]
    private static partial Regex ListSlot();
}
