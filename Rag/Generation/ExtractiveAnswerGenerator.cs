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
    /// <summary>The answer text when the evidence is too weak, in English.</summary>
    public const string NoEvidenceText = "I couldn't find an answer to that in the knowledge base. Try different words, or ask about a specific policy, system or product.";

    /// <summary>The same, in Chinese.</summary>
    public const string NoEvidenceTextChinese = "抱歉，知识库里没有找到这个问题的答案。请换个说法，或询问具体的制度、系统或产品。";

    private const int PassagesConsidered = 4;
    private const int SentencesPerPassage = 16;
    private const double NearDuplicate = 0.7;
    private const double OtherLanguage = 0.7;
    private const double WrongType = 0.5;
    private const double EntityAgrees = 0.05;

    // Below this share of the question's terms, read with its section and page, a sentence is about something else.
    private const double MinKeyTermCoverage = 0.34;
    private readonly SentenceVectorCache _sentences;
    private readonly IOptionsMonitor<AnswerOptions> _options;

    /// <param name="sentences">The candidate sentences' embeddings, each computed once rather than on every turn.</param>
    /// <param name="options">Answer settings.</param>
    public ExtractiveAnswerGenerator(SentenceVectorCache sentences, IOptionsMonitor<AnswerOptions> options)
    {
        _sentences = sentences;
        _options = options;
    }

    /// <summary>The no-evidence message in the question's language (<see cref="AnswerTexts.NoEvidence"/>).</summary>
    public static string NoEvidenceFor(string language) => AnswerTexts.NoEvidence(language);

    /// <inheritdoc />
    public async Task<AnswerDraft> GenerateAsync(string question, RetrievalResult retrieval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(retrieval);
        var options = _options.CurrentValue;
        var language = retrieval.Language;
        var sources = retrieval.Passages.Take(PassagesConsidered).ToList();
        var candidates = Candidates(sources);
        if (candidates.Count == 0)
        {
            return new AnswerDraft(NoEvidenceFor(language), [], AnswerKind.NoEvidence);
        }

        var cjk = LanguageDetector.IsCjk(language);
        var asked = ScopeEntities.In(question);

        // A question about an office, country or product no retrieved page names is not answered from another's page.
        if (asked.Count > 0 && !sources.Any(s => ScopeEntities.Covers(asked, ScopeEntities.In($"{s.Title}\n{s.Heading}\n{s.Text}"))))
        {
            return Decline(language, sources[0]);
        }

        var queryVector = retrieval.QueryEmbedding;
        var vectors = queryVector.IsEmpty ? null : await _sentences.GetAsync([.. candidates.Select(c => c.Text)], cancellationToken).ConfigureAwait(false);
        var semantic = candidates.Select((_, i) => vectors is null ? 0.0 : Math.Max(0.0, (double)TensorPrimitives.CosineSimilarity(queryVector.Span, vectors[i]))).ToArray();
        var agreement = candidates.Select(c => asked.Count == 0 ? 0 : ScopeEntities.Agreement(asked, c.Scope)).ToArray();

        var parts = QuestionParts.Split(question);
        var whole = Rank(question, AnswerTypeRules.Of(question), candidates, semantic, agreement, vectors is not null, cjk, language);
        if (parts.Count == 1)
        {
            if (whole.Count == 0 || whole[0].Score < options.MinEvidence)
            {
                return Decline(language, whole.Count > 0 ? sources[whole[0].Candidate.Source] : sources[0]);
            }

            return Answer(Choose(whole, options.MaxSentences), sources, cjk, []);
        }

        // Each part from its own best sentence; a part nothing answers is named rather than passed over.
        var chosen = new List<Candidate>();
        var missing = new List<string>();
        var wholeType = AnswerTypeRules.Of(question);
        for (var p = 0; p < parts.Count; p++)
        {
            var text = p > 0 && QuestionParts.ContinuesPrevious(parts[p]) ? $"{parts[p - 1]} {parts[p]}" : parts[p];
            var type = AnswerTypeRules.Of(parts[p]) is var t && t != AnswerType.Any ? t : wholeType;
            var ranked = Rank(text, type, candidates, semantic, agreement, vectors is not null, cjk, language);
            var best = ranked.FirstOrDefault(r => !chosen.Contains(r.Candidate));
            if (best.Candidate is null || best.Score < options.MinEvidence)
            {
                missing.Add(parts[p]);
            }
            else
            {
                chosen.Add(best.Candidate);
            }
        }

        if (chosen.Count == 0)
        {
            return Decline(language, whole.Count > 0 ? sources[whole[0].Candidate.Source] : sources[0]);
        }

        // The best whole-question sentence joins when it adds to the parts' own (it often states both facts at once).
        if (whole.Count > 0 && whole[0].Score >= options.MinEvidence && !chosen.Contains(whole[0].Candidate) && chosen.Count < options.MaxSentences)
        {
            chosen.Insert(0, whole[0].Candidate);
        }

        return Answer(Dedupe(chosen), sources, cjk, missing.Select(m => AnswerTexts.PartNotFound(language, m)).ToList());
    }

    // Candidates that can answer the question, best first. A sentence about another office, country or product than
    // the one asked is never among them; nor one that shares too few of the question's key terms, read with its section
    // heading and page title, for it is about something else.
    private static List<(Candidate Candidate, double Score)> Rank(
        string question, AnswerType type, List<Candidate> candidates, double[] semantic, int[] agreement, bool embedded, bool cjk, string language)
    {
        var terms = QuestionTerms.Extract(question, language);

        // An English-only model says little about CJK sentences: lean on term overlap there.
        var (semanticWeight, lexicalWeight) = !embedded ? (0.0, 1.0) : cjk ? (0.25, 0.75) : (0.6, 0.4);
        var ranked = new List<(Candidate Candidate, double Score)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            if (agreement[i] < 0)
            {
                continue;
            }

            if (!terms.AsksAbout(c.Page))
            {
                continue;
            }

            var lexical = terms.Coverage(c.Evidence, c.Context);
            var keyTerms = terms.IsEmpty ? 0 : terms.Coverage(c.Evidence, c.Surroundings);
            if (!terms.IsEmpty && Math.Max(lexical, keyTerms) < MinKeyTermCoverage)
            {
                continue;
            }

            var score = (semanticWeight * semantic[i]) + (lexicalWeight * lexical) + (0.04 / (1 + c.Source));
            if (agreement[i] > 0)
            {
                score += EntityAgrees;
            }
            else if (LanguageDetector.IsCjk(c.Language) != cjk)
            {
                // A sentence in another language than the question's answers it only when nothing in its language does:
                // a Chinese question's words inside an English "See also" line are a reference, not an answer.
                score *= OtherLanguage;
            }

            if (type != AnswerType.Any && !AnswerTypeRules.Holds(type, c.Text))
            {
                score *= WrongType;
            }

            ranked.Add((c, score));
        }

        return [.. ranked.OrderByDescending(r => r.Score)];
    }

    private static List<Candidate> Choose(List<(Candidate Candidate, double Score)> scored, int maxSentences)
    {
        var best = scored[0].Score;
        var chosen = new List<Candidate>();
        foreach (var (candidate, score) in scored)
        {
            if (chosen.Count == maxSentences || score < best * 0.8)
            {
                break;
            }

            if (chosen.Any(c => TextTerms.Overlap(candidate.Terms, c.Terms) >= NearDuplicate))
            {
                continue;
            }

            chosen.Add(candidate);
        }

        return chosen;
    }

    private static List<Candidate> Dedupe(List<Candidate> sentences)
    {
        var kept = new List<Candidate>();
        foreach (var sentence in sentences.Where(s => !kept.Any(k => TextTerms.Overlap(s.Terms, k.Terms) >= NearDuplicate)))
        {
            kept.Add(sentence);
        }

        return kept;
    }

    // Sources in the order of their best sentence, so the first citation is the one that answers best; sentences of
    // one source in reading order.
    private static AnswerDraft Answer(List<Candidate> chosen, List<Passage> sources, bool cjk, List<string> notes)
    {
        var sourceOrder = chosen.Select(c => c.Source).Distinct().ToList();
        var text = Compose(chosen.OrderBy(c => sourceOrder.IndexOf(c.Source)).ThenBy(c => c.Position).ToList(), cjk);
        if (notes.Count > 0)
        {
            text += (cjk ? string.Empty : " ") + string.Join(cjk ? string.Empty : " ", notes);
        }

        return new AnswerDraft(text, sources, AnswerKind.Extractive);
    }

    // The knowledge base does not answer: said plainly, with the nearest page cited as related rather than as the answer.
    private static AnswerDraft Decline(string language, Passage nearest)
    {
        var space = LanguageDetector.IsCjk(language) ? string.Empty : " ";
        return new AnswerDraft($"{NoEvidenceFor(language)}{space}{AnswerTexts.Related(language)}{space}[1]", [nearest], AnswerKind.NoEvidence);
    }

    private static List<Candidate> Candidates(List<Passage> sources)
    {
        var candidates = new List<Candidate>();
        for (var s = 0; s < sources.Count; s++)
        {
            var page = new EvidenceText($"{sources[s].Title}\n{sources[s].Heading}\n{sources[s].Text}");
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
                    candidates.Add(new Candidate(s, position++, sentence, TextTerms.Extract(sentence), new EvidenceText(sentence), Context(leadIn, question), new EvidenceText($"{sources[s].Title}\n{sources[s].Heading}\n{leadIn}"), ScopeEntities.In($"{sources[s].Title}\n{sources[s].Heading}\n{leadIn}\n{sentence}"), page, row ? leadIn : string.Empty, sources[s].Language));
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

            // A table row says little without the line that introduces its table: that line comes first, once.
            if (sentence.LeadIn.Length > 0 && (i == 0 || sentences[i - 1].LeadIn != sentence.LeadIn) && !sentences.Any(s => s.Text == sentence.LeadIn))
            {
                text.Append(sentence.LeadIn).Append(cjk ? string.Empty : " ");
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

    // Surroundings: the page title, section heading and table lead-in, which say what the sentence is about. Scope: the
    // offices, countries and products the sentence and its surroundings name.
    private sealed record Candidate(int Source, int Position, string Text, HashSet<string> Terms, EvidenceText Evidence, EvidenceText Context, EvidenceText Surroundings, HashSet<string> Scope, EvidenceText Page, string LeadIn, string Language);
}
