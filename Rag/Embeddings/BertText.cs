using System.Text;
using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Embeddings;

/// <summary>
/// What BERT's basic tokenizer does before WordPiece and the package's tokenizer does not: put spaces around each
/// CJK character, so Chinese and Japanese text becomes one token per character instead of one unknown token per run.
/// </summary>
internal static class BertText
{
    public static string SpaceCjk(string text)
    {
        var cjk = 0;
        foreach (var c in text)
        {
            if (LanguageDetector.IsHan(c) || LanguageDetector.IsKana(c))
            {
                cjk++;
            }
        }

        if (cjk == 0)
        {
            return text;
        }

        var spaced = new StringBuilder(text.Length + (2 * cjk));
        foreach (var c in text)
        {
            if (LanguageDetector.IsHan(c) || LanguageDetector.IsKana(c))
            {
                spaced.Append(' ').Append(c).Append(' ');
            }
            else
            {
                spaced.Append(c);
            }
        }

        return spaced.ToString();
    }
}
