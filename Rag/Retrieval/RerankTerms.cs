using System.Text;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Query;

namespace Assistant.Rag.Retrieval;

/// <summary>
/// The content terms of a text in reading order, for the reranker's position features: words lower-cased, stop words
/// dropped, English words lightly stemmed (<see cref="TextTerms.Stem"/>); Chinese and Japanese runs as overlapping
/// character bigrams, so the features need no dictionary in any language.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class RerankTerms
{
    /// <summary>Terms of <paramref name="text"/> in order, repeats kept.</summary>
    public static IReadOnlyList<string> Ordered(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var word = new StringBuilder();
        var cjk = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (LanguageDetector.IsHan(c) || LanguageDetector.IsKana(c))
            {
                FlushWord(word, terms);
                cjk.Append(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                FlushCjk(cjk, terms);
                word.Append(char.ToLowerInvariant(c));
            }
            else
            {
                FlushWord(word, terms);
                FlushCjk(cjk, terms);
            }
        }

        FlushWord(word, terms);
        FlushCjk(cjk, terms);
        return terms;
    }

    private static void FlushWord(StringBuilder word, List<string> terms)
    {
        if (word.Length == 0)
        {
            return;
        }

        var text = word.ToString();
        word.Clear();
        if (!StopWords.IsStopWord(text) && (text.Length > 1 || char.IsDigit(text[0])))
        {
            terms.Add(TextTerms.Stem(text));
        }
    }

    private static void FlushCjk(StringBuilder run, List<string> terms)
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
            terms.Add(text.Substring(i, 2));
        }
    }
}
