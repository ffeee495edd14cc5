namespace Assistant.Rag.Ingestion;

/// <summary>
/// Splits text into sentences: English on ". ! ?" followed by white space, Chinese and Japanese on their own
/// full-width punctuation ("。！？；"), and always at line breaks (parsers write a paragraph, list item or table
/// row per line). Each sentence is returned with its
/// character offsets in the input, so chunks can be mapped back onto their parent passage.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "inc", "ltd", "no", "fig", "approx", "dept", "st", "jr", "sr",
    };

    /// <summary>Sentence spans (start, length) in <paramref name="text"/>, trimmed, in order; blank text gives none.</summary>
    public static IReadOnlyList<Range> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<Range>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = -1;
            if (c is '。' or '！' or '？' or '；' or '!' or '?' && !IsFollowedByClosingPunctuation(text, i))
            {
                end = i + 1;
            }
            else if (c == '.' && IsSentenceFinalPeriod(text, i))
            {
                end = i + 1;
            }
            else if (c == '\n')
            {
                // Parsers put a paragraph on one line; a line break is a paragraph, list item or table row boundary.
                end = i;
            }

            if (end < 0)
            {
                continue;
            }

            // Closing quotes and brackets belong to the sentence they close.
            while (end < text.Length && text[end] is '"' or '\'' or ')' or '”' or '’' or '」' or '』' or '）')
            {
                end++;
            }

            Add(text, start, end, spans);
            start = end;
            i = Math.Max(i, end - 1); // a break at a newline ends before it: scanning still moves on
        }

        Add(text, start, text.Length, spans);
        return spans;
    }

    private static bool IsFollowedByClosingPunctuation(string text, int i) =>
        i + 1 < text.Length && text[i + 1] is '!' or '?' or '！' or '？';

    private static bool IsSentenceFinalPeriod(string text, int i)
    {
        if (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] is not '"' and not '\'' and not ')' and not '”')
        {
            return false; // 3.5, example.com, e.g.x
        }

        // The token before the period, dots included: "e.g", "Dr", "J".
        var tokenStart = i;
        while (tokenStart > 0 && (char.IsLetter(text[tokenStart - 1]) || (text[tokenStart - 1] == '.' && tokenStart >= 2 && char.IsLetter(text[tokenStart - 2]))))
        {
            tokenStart--;
        }

        var token = text[tokenStart..i];
        if (token.Length == 1 && char.IsUpper(token[0]))
        {
            return false; // initials: "J. Smith"
        }

        if (Abbreviations.Contains(token))
        {
            return false;
        }

        return true;
    }

    private static void Add(string text, int start, int end, List<Range> spans)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            spans.Add(start..end);
        }
    }
}
