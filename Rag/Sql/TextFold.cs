using System.Globalization;
using System.Text;

namespace Assistant.Rag.Sql;

/// <summary>Case- and accent-insensitive folding that keeps string positions (one char in, one char out).</summary>
internal static class TextFold
{
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            var kept = decomposed.FirstOrDefault(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark);
            builder.Append(char.ToLowerInvariant(kept == default ? c : kept));
        }

        return builder.ToString();
    }

    public static bool IsCjk(char c) => c is >= '\u3040' and <= '\u9fff' or >= '\uac00' and <= '\ud7af' or >= '\uf900' and <= '\ufaff';

    public static bool HasCjk(string text) => text.Any(IsCjk);

    /// <summary>True when a match at [start, start+length) is not inside a longer word (CJK has no word boundaries).</summary>
    public static bool AtWordBoundary(string text, int start, int length)
    {
        bool Word(int i) => i >= 0 && i < text.Length && char.IsLetterOrDigit(text[i]) && !IsCjk(text[i]);
        return !(Word(start - 1) && Word(start)) && !(Word(start + length - 1) && Word(start + length));
    }
}
