using System.Text;
using System.Text.RegularExpressions;
using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Query;

/// <summary>
/// The question as the keyword route should see it: stop words and question fillers removed ("How do I reset my
/// password?" → "reset password", "请问怎么申请年假？" → "申请年假"), from the lists shipped in Query/Data. The vector
/// route keeps the whole question, whose wording the embedding model uses.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static partial class KeywordQuery
{
    /// <summary>
    /// <paramref name="question"/> without stop words and fillers; the question itself when nothing would be left.
    /// Acronyms (IT, US) are kept even when their lower-case form is a stop word.
    /// </summary>
    public static string From(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var kept = new StringBuilder();
        foreach (Match token in Token().Matches(question))
        {
            var text = token.Value;
            var piece = LanguageDetector.IsHan(text[0]) || LanguageDetector.IsKana(text[0]) ? StripChinese(text) : StripWord(text);
            if (piece.Length > 0)
            {
                kept.Append(piece).Append(' ');
            }
        }

        var result = kept.ToString().Trim();
        return result.Length == 0 ? question : result;
    }

    private static string StripWord(string word)
    {
        var isAcronym = word.Length >= 2 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) && word.Any(char.IsLetter);
        return !isAcronym && StopWords.IsStopWord(word.ToLowerInvariant()) ? string.Empty : word;
    }

    // Chinese is not segmented here: multi-character fillers are cut out, single characters only at the end of a run
    // (sentence-final particles such as 吗/呢), because inside a run a single character belongs to a word (现在 ≠ 在).
    private static string StripChinese(string run)
    {
        foreach (var filler in StopWords.ChineseMultiCharacter)
        {
            run = run.Replace(filler, " ", StringComparison.Ordinal);
        }

        var parts = run.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part =>
            {
                while (part.Length > 0 && StopWords.IsStopWord(part[^1].ToString()))
                {
                    part = part[..^1];
                }

                return part;
            })
            .Where(part => part.Length > 0);
        return string.Join(' ', parts);
    }

    // Runs of Han/kana, or words of letters and digits (with inner - . / ' as in Wi-Fi, 3.2, 24/7).
    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]+|[\p{L}\p{N}-[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]]+(?:['’\-/.][\p{L}\p{N}-[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]]+)*")]
    private static partial Regex Token();
}
