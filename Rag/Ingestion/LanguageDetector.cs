namespace Assistant.Rag.Ingestion;

/// <summary>
/// Tells the script a text is written in, which is what analyser and splitter choice depend on:
/// "zh" (Han without kana), "ja" (kana present), "en" (Latin letters), "und" (neither, e.g. digits only).
/// </summary>
/// <remarks>Stateless and thread-safe. Mixed text is labelled by its dominant script: CJK wins at 20 % of the letters,
/// because one CJK character carries about as much as a whole English word.</remarks>
public static class LanguageDetector
{
    public const string English = "en";
    public const string Chinese = "zh";
    public const string Japanese = "ja";
    public const string Undetermined = "und";

    /// <summary>Detects the dominant script of <paramref name="text"/>; null or empty text is "und".</summary>
    public static string Detect(ReadOnlySpan<char> text)
    {
        int han = 0, kana = 0, latin = 0;
        foreach (var c in text)
        {
            if (IsHan(c))
            {
                han++;
            }
            else if (IsKana(c))
            {
                kana++;
            }
            else if (char.IsLetter(c))
            {
                latin++;
            }
        }

        var cjk = han + kana;
        var letters = cjk + latin;
        if (letters == 0)
        {
            return Undetermined;
        }

        if (cjk * 5 >= letters)
        {
            return kana > 0 && kana * 10 >= cjk ? Japanese : Chinese;
        }

        return English;
    }

    /// <summary>True for CJK languages (no spaces between words).</summary>
    public static bool IsCjk(string language) => language is Chinese or Japanese;

    /// <summary>True for a Han ideograph (CJK Unified Ideographs and Extension A, compatibility ideographs).</summary>
    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    /// <summary>True for hiragana or katakana.</summary>
    public static bool IsKana(char c) => c is (>= '\u3040' and <= '\u30FF') or (>= '\u31F0' and <= '\u31FF');
}
