using System.Text;
using Assistant.Rag.Query;

namespace Assistant.Rag.Generation;

/// <summary>
/// A sentence (or its heading, or the line that introduces its table) prepared for matching against
/// <see cref="QuestionTerms"/>: the NFKC, lower-cased text for substring tests of Chinese and Japanese words, and its
/// English words and numbers as <see cref="TextTerms"/> extracts them. Immutable and thread-safe.
/// </summary>
internal sealed class EvidenceText
{
    /// <summary>No text: matches nothing.</summary>
    public static readonly EvidenceText Empty = new(string.Empty);

    public EvidenceText(string text)
    {
        Text = Fold(text);
        Words = TextTerms.Extract(text);
    }

    /// <summary>Normalised text (see <see cref="Fold"/>).</summary>
    public string Text { get; }

    /// <summary>Stemmed English words, numbers and CJK bigrams.</summary>
    public HashSet<string> Words { get; }

    /// <summary>
    /// NFKC, lower case, and 日 read as 天: both count days in Chinese (每天/每日, 15天/15个工作日), and a question says one
    /// where the policy says the other.
    /// </summary>
    public static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace('日', '天');
}
