using System.Text.RegularExpressions;

namespace Assistant.Rag.Generation;

/// <summary>
/// The parts of a question that asks for more than one fact: "X, and Y?", "X? Y?", "full day vs travel days",
/// "X，还有Y", "A…，B呢？". A part too short to stand alone ("and on travel days?") is read with the words of the part
/// before it. Pure and thread-safe.
/// </summary>
internal static partial class QuestionParts
{
    private const int MinPartChars = 6;

    /// <summary>The parts of <paramref name="question"/>, in order; the whole question when it asks one thing.</summary>
    public static IReadOnlyList<string> Split(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var parts = Separators().Split(question.Trim())
            .Select(p => p.Trim(' ', ',', '，', '、', '?', '？', '.', '。', '-', '—'))
            .Where(p => p.Length > 0)
            .ToList();

        // Pieces too short to ask anything (a trailing "thanks", "and") join the part before them.
        var merged = new List<string>();
        foreach (var part in parts)
        {
            if (merged.Count > 0 && part.Length < MinPartChars)
            {
                merged[^1] = $"{merged[^1]} {part}";
            }
            else
            {
                merged.Add(part);
            }
        }

        return merged.Count > 1 ? merged : [question.Trim()];
    }

    /// <summary>
    /// True when <paramref name="part"/> continues the part before it rather than asking on its own ("and on travel
    /// days?", "出发和回来那天呢"): it does not open with a question word of its own.
    /// </summary>
    public static bool ContinuesPrevious(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return !OwnQuestion().IsMatch(part.Trim());
    }

    [GeneratedRegex(@"^(?i:what|what's|whats|how|is|are|was|do|does|did|can|could|when|where|who|whom|whose|which|why|will|would|should|may|must|i|my)\b")]
    private static partial Regex OwnQuestion();

    // Between parts: a question mark followed by more text; ", and …"/", also …"/", plus …"; " vs "; "；"; Chinese
    // "，还有"/"，以及"/"，另外" and a "…呢" question after a comma; Japanese "？" or "、また".
    [GeneratedRegex(@"(?<=[?？])\s*(?=\S)|,\s*(?:and|also|plus|or)\s+|\band also\b|\s+(?:vs\.?|versus)\s+|;\s+|；|，(?:还有|以及|另外|那|并且)|，(?=[^，]*呢[?？]?$)|、(?:また|それと)")]
    private static partial Regex Separators();
}
