using System.Globalization;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Sql;

/// <summary>The one sentence that states a result, from the example's template or, without one, from the result's shape.</summary>
internal static class AnswerSentence
{
    public static string Build(TableResult table, string? template, bool chinese)
    {
        var first = table.Rows.Count > 0 ? table.Rows[0] : null;
        if (template is not null && first is not null && first.All(c => c is not null))
        {
            return string.Format(CultureInfo.InvariantCulture, template, first.Select(Format).Cast<object>().ToArray());
        }

        if (table.Rows.Count == 0)
        {
            return chinese ? "查询没有返回任何结果。" : "The query found no matching rows.";
        }

        if (table.Rows.Count == 1 && table.Columns.Count == 1)
        {
            return chinese ? $"结果是 {Format(first![0])}。" : $"The answer is {Format(first![0])}.";
        }

        if (table.Rows.Count == 1)
        {
            var pairs = string.Join(", ", table.Columns.Select((c, i) => $"{c}: {Format(first![i])}"));
            return chinese ? $"结果：{pairs}。" : $"The result is {pairs}.";
        }

        var shown = table.Truncated ? (chinese ? $"（显示前 {table.Rows.Count} 行）" : $" (first {table.Rows.Count} shown)") : string.Empty;
        return chinese ? $"查询返回了 {table.TotalRows} 行{shown}。" : $"The query returned {table.TotalRows} rows{shown}.";
    }

    public static string Format(object? value) => value switch
    {
        null => "—",
        double d when Math.Abs(d - Math.Round(d)) < 1e-9 && Math.Abs(d) < 1e15 => ((long)Math.Round(d)).ToString("N0", CultureInfo.InvariantCulture),
        double d => d.ToString("#,0.##", CultureInfo.InvariantCulture),
        long l => l.ToString("N0", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
