using System.Text;

namespace Assistant.Rag.Sql;

/// <summary>Lexing helpers shared by the guards and the example adapter (ANSI quoting, -- and /* */ comments).</summary>
internal static class SqlText
{
    /// <summary>Quotes an identifier.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>True when <paramref name="text"/> holds nothing but whitespace, semicolons and comments.</summary>
    public static bool IsBlank(string? text) =>
        string.IsNullOrEmpty(text) || Tokens(text).All(t => t.Kind == SqlTokenKind.Comment || t is { Kind: SqlTokenKind.Symbol, Text: ";" });

    /// <summary>Splits <paramref name="sql"/> into tokens; an unterminated string or comment runs to the end.</summary>
    public static List<SqlToken> Tokens(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '-' && At(sql, i + 1, '-'))
            {
                i = sql.IndexOf('\n', i) is var n and >= 0 ? n : sql.Length;
                tokens.Add(new SqlToken(SqlTokenKind.Comment, sql[start..i], start));
            }
            else if (c == '/' && At(sql, i + 1, '*'))
            {
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var n and >= 0 ? n + 2 : sql.Length;
                tokens.Add(new SqlToken(SqlTokenKind.Comment, sql[start..i], start));
            }
            else if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == close)
                    {
                        if (close != ']' && At(sql, i + 1, close))
                        {
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    i++;
                }

                tokens.Add(new SqlToken(c == '\'' ? SqlTokenKind.String : SqlTokenKind.QuotedIdentifier, sql[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1])))
            {
                while (i < sql.Length && (char.IsAsciiDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Number, sql[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_' || c == '$')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i], start));
            }
            else
            {
                i++;
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, sql[start..i], start));
            }
        }

        return tokens;
    }

    /// <summary>Lower-cased, whitespace-collapsed text outside string literals (to group equal queries).</summary>
    public static string Normalize(string sql)
    {
        var builder = new StringBuilder();
        foreach (var token in Tokens(sql))
        {
            if (token.Kind == SqlTokenKind.Comment || token is { Kind: SqlTokenKind.Symbol, Text: ";" })
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(token.Kind == SqlTokenKind.String ? token.Text : token.Text.ToLowerInvariant());
        }

        return builder.ToString();
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;
}
