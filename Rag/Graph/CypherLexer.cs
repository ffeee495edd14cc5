using System.Globalization;
using System.Text;

namespace Assistant.Rag.Graph;

/// <summary>
/// Splits a Cypher query into tokens. Outside string literals only ASCII is accepted, so look-alike letters, zero-width
/// characters and Unicode dashes are errors rather than silently different keywords.
/// </summary>
internal static class CypherLexer
{
    private static readonly string[] Symbols =
        ["<>", "<=", ">=", "=~", "->", "<-", "..", "+=", "(", ")", "[", "]", "{", "}", ",", ".", ":", ";", "|", "=", "<", ">", "+", "-", "*", "/", "%", "^", "!"];

    /// <summary>Tokens of <paramref name="text"/>, ending with <see cref="CypherTokenKind.End"/>.</summary>
    /// <param name="text">The query.</param>
    /// <param name="hadComments">Set when the query contained // or /* */ comments.</param>
    /// <exception cref="CypherSyntaxException">An unterminated string or comment, or a character Cypher does not use.</exception>
    public static List<CypherToken> Tokenize(string text, out bool hadComments)
    {
        var tokens = new List<CypherToken>();
        hadComments = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                hadComments = true;
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                hadComments = true;
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error(text, i, "Unterminated comment");
                }

                i = end + 2;
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadString(text, ref i));
            }
            else if (c == '`')
            {
                var end = text.IndexOf('`', i + 1);
                if (end < 0)
                {
                    throw Error(text, i, "Unterminated `quoted identifier`");
                }

                tokens.Add(new CypherToken(CypherTokenKind.QuotedIdentifier, text[(i + 1)..end], i));
                i = end + 1;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && !PreviousIsValue(tokens)))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (c == '$')
            {
                var start = i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                if (i == start + 1)
                {
                    throw Error(text, start, "Expected a parameter name after $");
                }

                tokens.Add(new CypherToken(CypherTokenKind.Parameter, text[(start + 1)..i], start));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new CypherToken(CypherTokenKind.Identifier, text[start..i], start));
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
                if (symbol is null)
                {
                    var name = c > 127 ? $"U+{(int)c:X4}" : $"'{c}'";
                    throw Error(text, i, $"Unexpected character {name}");
                }

                tokens.Add(new CypherToken(CypherTokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }
        }

        tokens.Add(new CypherToken(CypherTokenKind.End, "", text.Length));
        return tokens;
    }

    public static CypherSyntaxException Error(string text, int position, string message)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new CypherSyntaxException(message, position, line, column);
    }

    private static bool PreviousIsValue(List<CypherToken> tokens) =>
        tokens.Count > 0 && (tokens[^1].Kind is CypherTokenKind.Identifier or CypherTokenKind.QuotedIdentifier || tokens[^1].IsSymbol(")") || tokens[^1].IsSymbol("]"));

    private static CypherToken ReadString(string text, ref int i)
    {
        var quote = text[i];
        var start = i++;
        var builder = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw Error(text, start, "Unterminated string");
            }

            var c = text[i++];
            if (c == quote)
            {
                return new CypherToken(CypherTokenKind.String, builder.ToString(), start);
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                throw Error(text, start, "Unterminated string");
            }

            var e = text[i++];
            switch (e)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'u' when i + 4 <= text.Length && int.TryParse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append(e); break;
            }
        }
    }

    private static CypherToken ReadNumber(string text, ref int i)
    {
        var start = i;
        var isFloat = false;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            isFloat = true;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                isFloat = true;
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
        {
            throw Error(text, start, "Malformed number");
        }

        return new CypherToken(isFloat ? CypherTokenKind.Float : CypherTokenKind.Integer, text[start..i], start);
    }
}
