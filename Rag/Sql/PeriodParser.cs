using System.Globalization;
using System.Text.RegularExpressions;

namespace Assistant.Rag.Sql;

/// <summary>
/// Finds the period a question names, in English or Chinese, absolute ("in March 2026", "in 2025", "Q3 2025",
/// "2026年3月") or relative to now ("last month", "last quarter", "since March", "past 30 days", "上个月", "今年").
/// </summary>
internal static partial class PeriodParser
{
    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static Period? Find(string text, DateOnly today)
    {
        var lower = text.ToLowerInvariant();
        Match m;
        if ((m = ChineseYearMonth().Match(text)).Success)
        {
            var start = new DateOnly(Int(m.Groups[1]), Int(m.Groups[2]), 1);
            return new Period(start, start.AddMonths(1), m.Index, m.Length);
        }

        if ((m = ChineseSinceMonth().Match(text)).Success)
        {
            var start = LatestMonth(today, Int(m.Groups[1]));
            return new Period(start, today.AddDays(1), m.Index, m.Length);
        }

        if ((m = ChineseYear().Match(text)).Success)
        {
            var start = new DateOnly(Int(m.Groups[1]), 1, 1);
            return new Period(start, start.AddYears(1), m.Index, m.Length);
        }

        if ((m = ChineseRecentDays().Match(text)).Success)
        {
            return new Period(today.AddDays(-Int(m.Groups[1]) + 1), today.AddDays(1), m.Index, m.Length);
        }

        foreach (var (phrase, unit, offset) in Relative)
        {
            var at = lower.IndexOf(phrase, StringComparison.Ordinal);
            if (at >= 0 && (TextFold.HasCjk(phrase) || TextFold.AtWordBoundary(lower, at, phrase.Length)))
            {
                var (start, end) = Range(today, unit, offset);
                return new Period(start, end, at, phrase.Length);
            }
        }

        if ((m = PastDays().Match(lower)).Success)
        {
            var n = Int(m.Groups[2]);
            var days = m.Groups[3].Value.StartsWith("week", StringComparison.Ordinal) ? n * 7 : m.Groups[3].Value.StartsWith("month", StringComparison.Ordinal) ? n * 30 : n;
            return new Period(today.AddDays(-days + 1), today.AddDays(1), m.Index, m.Length);
        }

        if ((m = Quarter().Match(lower)).Success)
        {
            var start = new DateOnly(Int(m.Groups[2]), ((Int(m.Groups[1]) - 1) * 3) + 1, 1);
            return new Period(start, start.AddMonths(3), m.Index, m.Length);
        }

        if ((m = MonthYear().Match(lower)).Success)
        {
            var month = Array.IndexOf(Months, m.Groups[2].Value) + 1;
            var since = m.Groups[1].Value.Trim() is "since" or "from";
            var start = m.Groups[3].Success ? new DateOnly(Int(m.Groups[3]), month, 1) : LatestMonth(today, month);
            return new Period(start, since ? today.AddDays(1) : start.AddMonths(1), m.Index, m.Length);
        }

        if ((m = InYear().Match(lower)).Success)
        {
            var start = new DateOnly(Int(m.Groups[2]), 1, 1);
            return m.Groups[1].Value.Trim() is "since"
                ? new Period(start, today.AddDays(1), m.Index, m.Length)
                : new Period(start, start.AddYears(1), m.Index, m.Length);
        }

        return null;
    }

    private static readonly (string Phrase, string Unit, int Offset)[] Relative =
    [
        ("last month", "month", -1), ("previous month", "month", -1), ("this month", "month", 0),
        ("last quarter", "quarter", -1), ("previous quarter", "quarter", -1), ("this quarter", "quarter", 0),
        ("last year", "year", -1), ("previous year", "year", -1), ("this year", "year", 0),
        ("last week", "week", -1), ("this week", "week", 0), ("yesterday", "day", -1), ("today", "day", 0),
        ("上个月", "month", -1), ("上月", "month", -1), ("本月", "month", 0), ("这个月", "month", 0),
        ("上个季度", "quarter", -1), ("上季度", "quarter", -1), ("本季度", "quarter", 0), ("这个季度", "quarter", 0),
        ("去年", "year", -1), ("今年", "year", 0), ("上周", "week", -1), ("本周", "week", 0), ("昨天", "day", -1), ("今天", "day", 0),
    ];

    private static (DateOnly Start, DateOnly End) Range(DateOnly today, string unit, int offset)
    {
        switch (unit)
        {
            case "month":
                var month = new DateOnly(today.Year, today.Month, 1).AddMonths(offset);
                return (month, month.AddMonths(1));
            case "quarter":
                var quarter = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1).AddMonths(3 * offset);
                return (quarter, quarter.AddMonths(3));
            case "year":
                var year = new DateOnly(today.Year + offset, 1, 1);
                return (year, year.AddYears(1));
            case "week":
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(7 * offset);
                return (monday, monday.AddDays(7));
            default:
                var day = today.AddDays(offset);
                return (day, day.AddDays(1));
        }
    }

    private static DateOnly LatestMonth(DateOnly today, int month)
    {
        var start = new DateOnly(today.Year, month, 1);
        return start > today ? start.AddYears(-1) : start;
    }

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"((?:19|20)\d\d)\s*年\s*(1[0-2]|0?[1-9])\s*月(?:份)?")]
    private static partial Regex ChineseYearMonth();

    [GeneratedRegex(@"(?:自|从)?\s*(1[0-2]|0?[1-9])\s*月(?:份)?(?:以来|起|至今)")]
    private static partial Regex ChineseSinceMonth();

    [GeneratedRegex(@"((?:19|20)\d\d)\s*年(?:度)?")]
    private static partial Regex ChineseYear();

    [GeneratedRegex(@"(?:最近|过去)\s*(\d{1,3})\s*天")]
    private static partial Regex ChineseRecentDays();

    [GeneratedRegex(@"\b(last|past|previous)\s+(\d{1,3})\s+(days?|weeks?|months?)\b")]
    private static partial Regex PastDays();

    [GeneratedRegex(@"\bq([1-4])\s*(?:of\s+)?((?:19|20)\d\d)\b")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"\b(in\s+|since\s+|from\s+|during\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+((?:19|20)\d\d))?\b")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\b(in\s+|since\s+|during\s+)((?:19|20)\d\d)\b")]
    private static partial Regex InYear();
}
