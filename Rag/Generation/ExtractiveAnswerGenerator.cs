using System.Numerics.Tensors;
using System.Text;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Generation;

/// <summary>
/// The answer when no LLM is configured: the sentences of the retrieved passages that best answer the question,
/// each run of sentences followed by its source marker, the source of the best sentence first. Sentences are scored by
/// similarity to the question's embedding (when the question was embedded) and by the share of the question's words
/// they contain (<see cref="QuestionTerms"/>; a table row is read with the line introducing the
/// table, a sentence under an FAQ heading with that question); a sentence in another language than the question's
/// scores lower. When even the best is under <see cref="AnswerOptions.MinEvidence"/>, the answer says plainly that the
/// knowledge base does not seem to cover the question.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class ExtractiveAnswerGenerator : IAnswerGenerator
{
    /// <summary>The answer text when the evidence is too weak.</summary>
    public const string NoEvidenceText = "I couldn't find an answer to that in the knowledge base. Try different words, or ask about a specific policy, system or product.";

    /// <summary>The same, in Chinese, for Chinese and Japanese questions.</summary>
    public const string NoEvidenceTextChinese = "抱歉，知识库里没有找到这个问题的答案。请换个说法，或询问具体的制度、系统或产品。";

    private const int PassagesConsidered = 4;
    private const int SentencesPerPassage = 16;
    private const double NearDuplicate = 0.7;
    private const double OtherLanguage = 0.7;
    private readonly SentenceVectorCache _sentences;
    private readonly IOptionsMonitor<AnswerOptions> _options;

    /// <param name="sentences">The candidate sentences' embeddings, each computed once rather than on every turn.</param>
    /// <param name="options">Answer settings.</param>
    public ExtractiveAnswerGenerator(SentenceVectorCache sentences, IOptionsMonitor<AnswerOptions> options)
    {
        _sentences = sentences;
        _options = options;
    }

    /// <summary>The no-evidence message in the question's language.</summary>
    public static string NoEvidenceFor(string language) => LanguageDetector.IsCjk(language) ? NoEvidenceTextChinese : NoEvidenceText;

    /// <inheritdoc />
    public async Task<AnswerDraft> GenerateAsync(string question, RetrievalResult retrieval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(retrieval);
        var options = _options.CurrentValue;
        var sources = retrieval.Passages.Take(PassagesConsidered).ToList();
        var candidates = Candidates(sources);
        if (candidates.Count == 0)
        {
            return new AnswerDraft(NoEvidenceFor(retrieval.Language), [], AnswerKind.NoEvidence);
        }

        var questionTerms = QuestionTerms.Extract(question, retrieval.Language);
        var cjk = LanguageDetector.IsCjk(retrieval.Language);
        var queryVector = retrieval.QueryEmbedding;
        var vectors = queryVector.IsEmpty ? null : await _sentences.GetAsync([.. candidates.Select(c => c.Text)], cancellationToken).ConfigureAwait(false);

        // An English-only model says little about CJK sentences: lean on term overlap there.
        var (semanticWeight, lexicalWeight) = cjk ? (0.25, 0.75) : (0.6, 0.4);
        var scored = candidates.Select((c, i) =>
        {
            var semantic = vectors is null ? 0 : Math.Max(0, TensorPrimitives.CosineSimilarity(queryVector.Span, vectors[i]));
            var lexical = questionTerms.Coverage(c.Evidence, c.Context);
            var weights = vectors is null ? (0.0, 1.0) : (semanticWeight, lexicalWeight);
            var score = (weights.Item1 * semantic) + (weights.Item2 * lexical) + (0.04 / (1 + c.Source));
            // A sentence in another language than the question's answers it only when nothing in its language does:
            // a Chinese question's words inside an English "See also" line are a reference, not an answer.
            return (Candidate: c, Score: LanguageDetector.IsCjk(c.Language) == cjk ? score : score * OtherLanguage);
        }).OrderByDescending(s => s.Score).ToList();

        var best = scored[0].Score;
        if (best < options.MinEvidence)
        {
            return new AnswerDraft(NoEvidenceFor(retrieval.Language), [], AnswerKind.NoEvidence);
        }

        var chosen = new List<Candidate>();
        foreach (var (candidate, score) in scored)
        {
            if (chosen.Count == options.MaxSentences || score < best * 0.8)
            {
                break;
            }

            if (chosen.Any(c => TextTerms.Overlap(candidate.Terms, c.Terms) >= NearDuplicate))
            {
                continue;
            }

            chosen.Add(candidate);
        }

        // Sources in the order of their best sentence, so the first citation is the one that answers best; sentences of
        // one source in reading order.
        var sourceOrder = chosen.Select(c => c.Source).Distinct().ToList();
        return new AnswerDraft(Compose(chosen.OrderBy(c => sourceOrder.IndexOf(c.Source)).ThenBy(c => c.Position).ToList(), cjk), sources, AnswerKind.Extractive);
    }

    private static List<Candidate> Candidates(List<Passage> sources)
    {
        var candidates = new List<Candidate>();
        for (var s = 0; s < sources.Count; s++)
        {
            var text = sources[s].Text;
            var question = AnsweredQuestion(sources[s].Heading);
            var leadIn = string.Empty;
            var position = 0;
            foreach (var range in SentenceSplitter.Split(text).Take(SentencesPerPassage))
            {
                var sentence = Clean(text[range]);
                var row = IsTableRow(sentence);
                if (!row)
                {
                    leadIn = string.Empty;
                }

                var cjk = LanguageDetector.IsCjk(LanguageDetector.Detect(sentence));
                var tooShort = cjk ? sentence.Length < 6 : sentence.Length < 20 || !sentence.Contains(' ', StringComparison.Ordinal);
                if (!tooShort)
                {
                    candidates.Add(new Candidate(s, position++, sentence, TextTerms.Extract(sentence), new EvidenceText(sentence), Context(leadIn, question), sources[s].Language));
                }

                if (sentence.EndsWith(':') || sentence.EndsWith('：'))
                {
                    leadIn = sentence;
                }
            }
        }

        return candidates;
    }

    // A section under a heading that asks a question (an FAQ) answers it: the heading is part of every sentence's meaning.
    // Other headings name a topic, which says too little about each sentence to count as evidence.
    private static string AnsweredQuestion(string heading)
    {
        var last = heading[(heading.LastIndexOf('›') + 1)..].Trim();
        return last.EndsWith('?') || last.EndsWith('？') ? last : string.Empty;
    }

    private static EvidenceText Context(string leadIn, string question) =>
        leadIn.Length == 0 && question.Length == 0 ? EvidenceText.Empty : new EvidenceText($"{question}\n{leadIn}");

    // TableFormatter writes a row as "Header: value; Header: value".
    private static bool IsTableRow(string sentence) =>
        sentence.Contains("; ", StringComparison.Ordinal) && sentence.Split("; ").Count(cell => cell.Contains(": ", StringComparison.Ordinal)) >= 2;

    private static string Clean(string sentence)
    {
        var text = sentence.Trim().TrimStart('-', '*', '•', '#', ' ', '>').Trim();
        return text.Length > 400 ? text[..400].TrimEnd() + "…" : text;
    }

    private static string Compose(List<Candidate> sentences, bool cjk)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i];
            // CJK sentences end in full-width punctuation and need no space; a table row ends in none and does.
            if (text.Length > 0 && (!cjk || !IsFullWidthEnd(text[^1])))
            {
                text.Append(' ');
            }

            text.Append(sentence.Text);
            var lastOfRun = i + 1 == sentences.Count || sentences[i + 1].Source != sentence.Source;
            if (lastOfRun)
            {
                text.Append(cjk ? string.Empty : " ").Append('[').Append(sentence.Source + 1).Append(']');
            }
        }

        return text.ToString();
    }

    private static bool IsFullWidthEnd(char c) => c is '。' or '！' or '？' or '；' or '：' or '，' or '）' or '」' or '』' or ']';

    private sealed record Candidate(int Source, int Position, string Text, HashSet<string> Terms, EvidenceText Evidence, EvidenceText Context, string Language);
}
