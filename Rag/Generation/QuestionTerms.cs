using System.Text;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Query;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Assistant.Rag.Generation;

/// <summary>
/// The content words of a question, for measuring how much of it a sentence covers. English words and numbers as
/// <see cref="TextTerms"/> extracts them; Chinese cut into words by the SmartCn segmenter the keyword index uses;
/// Japanese cut where the script changes (kanji and katakana runs kept, hiragana particles and endings dropped). A
/// Chinese or Japanese word matches where it occurs inside a sentence, so "上海" matches "上海市" and the segmenter
/// need not cut the sentence the way it cut the question; words of three or more characters also match in part, by
/// the share of their character pairs found. Immutable and thread-safe.
/// </summary>
internal sealed class QuestionTerms
{
    // One character is an ambiguous word in Chinese ("天", "号"): it counts half.
    private const double SingleCharacterWeight = 0.5;

    private static readonly SmartChineseAnalyzer Segmenter = new(LuceneVersion.LUCENE_48);

    // Question words the shared stop-word list (made for search) keeps, and the Japanese interrogative kanji.
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "多久", "多长", "多长时间", "几点", "哪儿", "在哪", "什么时候", "时候", "何", "多大",
    };

    private readonly List<Term> _terms;

    private QuestionTerms(List<Term> terms) => _terms = terms;

    /// <summary>The terms of <paramref name="question"/>, segmented for <paramref name="language"/>.</summary>
    public static QuestionTerms Extract(string question, string language)
    {
        ArgumentNullException.ThrowIfNull(question);
        var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
        var text = question.Normalize(NormalizationForm.FormKC);
        var other = new StringBuilder();
        var run = new StringBuilder();
        foreach (var c in text)
        {
            if (LanguageDetector.IsHan(c) || LanguageDetector.IsKana(c))
            {
                run.Append(c);
                other.Append(' ');
            }
            else
            {
                AddCjk(run, language, terms);
                other.Append(c);
            }
        }

        AddCjk(run, language, terms);
        foreach (var word in TextTerms.Extract(other.ToString()))
        {
            terms.TryAdd(word, new Term(word, false, 1.0));
        }

        return new QuestionTerms([.. terms.Values]);
    }

    /// <summary>
    /// Share of the question (0 to 1, by term weight) that <paramref name="sentence"/> covers, read with its
    /// <paramref name="context"/>: what the sentence continues (the line introducing the table it is a row of, the FAQ
    /// question it answers).
    /// </summary>
    public double Coverage(EvidenceText sentence, EvidenceText context)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(context);
        if (_terms.Count == 0)
        {
            return 0;
        }

        double found = 0, total = 0;
        foreach (var term in _terms)
        {
            total += term.Weight;
            found += term.Weight * Math.Max(Match(term, sentence), Match(term, context));
        }

        return found / total;
    }

    private static double Match(Term term, EvidenceText evidence)
    {
        if (!term.Cjk)
        {
            return evidence.Words.Contains(term.Text) ? 1 : 0;
        }

        if (evidence.Text.Contains(term.Text, StringComparison.Ordinal))
        {
            return 1;
        }

        if (term.Text.Length < 3)
        {
            return 0;
        }

        var pairs = term.Text.Length - 1;
        var found = 0;
        for (var i = 0; i < pairs; i++)
        {
            found += evidence.Text.Contains(term.Text.AsSpan(i, 2), StringComparison.Ordinal) ? 1 : 0;
        }

        return (double)found / pairs;
    }

    private static void AddCjk(StringBuilder run, string language, Dictionary<string, Term> terms)
    {
        if (run.Length == 0)
        {
            return;
        }

        var text = run.ToString();
        run.Clear();
        var words = language == LanguageDetector.Japanese || text.Any(LanguageDetector.IsKana) ? ScriptRuns(text) : Segment(text);
        foreach (var word in words)
        {
            if (StopWords.IsStopWord(word) || QuestionWords.Contains(word))
            {
                continue;
            }

            var folded = EvidenceText.Fold(word);
            terms.TryAdd(folded, new Term(folded, true, word.Length == 1 ? SingleCharacterWeight : 1.0));
        }
    }

    private static List<string> Segment(string text)
    {
        var words = new List<string>();
        using var stream = Segmenter.GetTokenStream("question", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            if (word.Any(LanguageDetector.IsHan))
            {
                words.Add(word);
            }
        }

        stream.End();
        return words;
    }

    // Japanese without a dictionary: content words are kanji compounds and katakana loan words; hiragana carries the
    // grammar (particles, endings) and the interrogative 何 asks rather than says.
    private static List<string> ScriptRuns(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var script = 0;
        foreach (var c in text)
        {
            var next = c == '何' ? 0 : LanguageDetector.IsHan(c) ? 1 : c is >= '\u30A0' and <= '\u30FF' ? 2 : 0;
            if (next != script && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            script = next;
            if (next != 0)
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private sealed record Term(string Text, bool Cjk, double Weight);
}
