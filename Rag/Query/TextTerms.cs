using System.Text;
using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Query;

/// <summary>
/// Light, language-aware term extraction for scoring sentences against a question: lower-cased, stop words
/// dropped, English words reduced by a small suffix stemmer, Chinese and Japanese turned into character bigrams
/// (the usual way to match CJK text without a dictionary).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class TextTerms
{
    /// <summary>Distinct content terms of <paramref name="text"/>.</summary>
    public static HashSet<string> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        var cjkRun = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (LanguageDetector.IsHan(c) || LanguageDetector.IsKana(c))
            {
                Flush(word, terms);
                cjkRun.Append(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                FlushCjk(cjkRun, terms);
                word.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush(word, terms);
                FlushCjk(cjkRun, terms);
            }
        }

        Flush(word, terms);
        FlushCjk(cjkRun, terms);
        return terms;
    }

    /// <summary>Share of <paramref name="question"/>'s terms found in <paramref name="candidate"/>, 0 to 1.</summary>
    public static double Overlap(HashSet<string> question, HashSet<string> candidate)
    {
        if (question.Count == 0)
        {
            return 0;
        }

        var found = question.Count(candidate.Contains);
        return (double)found / question.Count;
    }

    /// <summary>A crude English stemmer: enough to match "policies"/"policy", "booking"/"book".</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !word.All(char.IsAsciiLetter))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        foreach (var suffix in (string[])["ing", "ed", "es", "s"])
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3 && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    private static void Flush(StringBuilder word, HashSet<string> terms)
    {
        if (word.Length == 0)
        {
            return;
        }

        var text = word.ToString();
        word.Clear();
        if (!StopWords.IsStopWord(text) && (text.Length > 1 || char.IsDigit(text[0])))
        {
            terms.Add(Stem(text));
        }
    }

    private static void FlushCjk(StringBuilder run, HashSet<string> terms)
    {
        if (run.Length == 0)
        {
            return;
        }

        var text = run.ToString();
        run.Clear();
        if (text.Length == 1)
        {
            if (!StopWords.IsStopWord(text))
            {
                terms.Add(text);
            }

            return;
        }

        for (var i = 0; i + 1 < text.Length; i++)
        {
            var bigram = text.Substring(i, 2);
            if (!StopWords.IsStopWord(bigram) && !(StopWords.IsStopWord(bigram[..1]) && StopWords.IsStopWord(bigram[1..])))
            {
                terms.Add(bigram);
            }
        }
    }
}
