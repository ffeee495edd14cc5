using System.Globalization;
using System.Text;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// The text rules every parser shares: Unicode NFC, no control characters, whitespace collapsed inside a line,
/// paragraphs separated by exactly one blank line, and no space invented between two CJK characters.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class TextNormalizer
{
    /// <summary>
    /// Normalises text that keeps its line structure: each line has its whitespace collapsed and trimmed,
    /// runs of blank lines become one blank line, and leading and trailing blank lines are removed.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = Clean(text);
        var result = new StringBuilder(clean.Length);
        var pendingBlank = false;
        foreach (var rawLine in clean.Split('\n'))
        {
            var line = CollapseLine(rawLine);
            if (line.Length == 0)
            {
                pendingBlank = result.Length > 0;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(pendingBlank ? "\n\n" : "\n");
            }

            result.Append(line);
            pendingBlank = false;
        }

        return result.ToString();
    }

    /// <summary>
    /// Normalises flowing text (an HTML text run, a Markdown paragraph with soft breaks) into one line:
    /// every whitespace run becomes one space, except a line break between two CJK characters, which is dropped
    /// because CJK writing has no spaces between words.
    /// </summary>
    public static string Flow(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = Clean(text);
        var result = new StringBuilder(clean.Length);
        var i = 0;
        while (i < clean.Length)
        {
            var c = clean[i];
            if (!char.IsWhiteSpace(c))
            {
                result.Append(c);
                i++;
                continue;
            }

            var start = i;
            var hasBreak = false;
            while (i < clean.Length && char.IsWhiteSpace(clean[i]))
            {
                hasBreak |= clean[i] == '\n';
                i++;
            }

            var atEdge = start == 0 || i == clean.Length;
            var betweenCjk = !atEdge && IsCjk(clean[start - 1]) && IsCjk(clean[i]);
            if (!atEdge && !(hasBreak && betweenCjk))
            {
                result.Append(' ');
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// Joins two pieces of text that were laid out apart (two PDF words, two lines of a paragraph): with a space,
    /// unless both sides of the join are CJK characters.
    /// </summary>
    public static string Join(string left, string right)
    {
        if (left.Length == 0)
        {
            return right;
        }

        if (right.Length == 0)
        {
            return left;
        }

        return IsCjk(left[^1]) && IsCjk(right[0]) ? left + right : left + " " + right;
    }

    /// <summary>True for characters of scripts written without spaces: Han, kana and CJK punctuation and full-width forms.</summary>
    public static bool IsCjk(char c) =>
        LanguageDetector.IsHan(c)
        || LanguageDetector.IsKana(c)
        || c is (>= '\u3000' and <= '\u303F') or (>= '\uFF00' and <= '\uFFEF');

    // Line endings to '\n', tabs and other spaces kept as whitespace, control and invisible characters removed,
    // lone surrogates replaced (string.Normalize throws on them), then NFC.
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    builder.Append('\n');
                    continue;
                case '\n' or '\u2028' or '\u2029' or '\f' or '\v' or '\u0085':
                    builder.Append('\n');
                    continue;
                case '\t':
                    builder.Append(' ');
                    continue;
                case '\u00AD' or '\u200B' or '\uFEFF' or '\uFFFD':
                    continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[i + 1]);
                    i++;
                }

                continue;
            }

            if (char.IsLowSurrogate(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse)
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string CollapseLine(string line)
    {
        var builder = new StringBuilder(line.Length);
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
