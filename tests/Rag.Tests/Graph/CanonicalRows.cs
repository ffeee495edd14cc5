using System.Globalization;
using System.Text;

namespace Assistant.Rag.Tests.Graph;

/// <summary>
/// Rows as comparable strings: numbers to 6 decimals (so 1 and 1.0 and 2.0000001 agree), maps by sorted key with null
/// entries dropped (a node compares by its labels and properties), column names ignored.
/// </summary>
internal static class CanonicalRows
{
    public static List<string> Of(IEnumerable<IEnumerable<object?>> rows, bool sortLists = false) =>
        rows.Select(r => string.Join(" | ", r.Select(v => Canonical(v, sortLists)))).ToList();

    /// <param name="value">The value.</param>
    /// <param name="sortLists">Sort list items too: collect() gathers in an order Cypher leaves unspecified.</param>
    public static string Canonical(object? value, bool sortLists = false)
    {
        var builder = new StringBuilder();
        Write(builder, value, sortLists);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, bool sortLists)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case long or int or double:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                builder.Append(Math.Round(d, 6).ToString("0.######", CultureInfo.InvariantCulture));
                break;
            case string s:
                builder.Append('"').Append(s).Append('"');
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case IReadOnlyDictionary<string, object?> map:
                builder.Append('{');
                foreach (var (key, item) in map.Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    builder.Append(key).Append(':');
                    Write(builder, item, sortLists);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case System.Collections.IEnumerable list:
                var items = list.Cast<object?>().Select(i => Canonical(i, sortLists));
                builder.Append('[').AppendJoin(",", sortLists ? items.Order(StringComparer.Ordinal) : items).Append(']');
                break;
            default:
                builder.Append(value);
                break;
        }
    }
}
