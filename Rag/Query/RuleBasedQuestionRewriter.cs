using System.Text.RegularExpressions;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Memory;

namespace Assistant.Rag.Query;

/// <summary>
/// The rewrite without an LLM. A follow-up is recognised by its shape: an opener that names a new entity ("and for
/// contractors?", "what about Shanghai?", "上海呢？"), a pronoun that points back ("how long does it take?",
/// "它/这个/那个…"), or no topic word of its own ("is there a limit?", "需要提前多久？"). The previous
/// standalone question then lends its subject or key terms; an entity of the same kind (a place, a group of people)
/// is swapped rather than added. Anything else is returned unchanged, so a new self-contained question is searched as typed.
/// </summary>
/// <remarks>Stateless and thread-safe. English and Chinese; other languages are returned unchanged unless they follow an opener.</remarks>
public sealed partial class RuleBasedQuestionRewriter : IQuestionRewriter
{
    private const string EndPunctuation = " \t?？。.!！";

    /// <inheritdoc />
    public Task<string> RewriteAsync(string question, ConversationHistory history, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Rewrite(question, history));
    }

    /// <summary>The standalone form of <paramref name="question"/> given <paramref name="history"/>.</summary>
    public static string Rewrite(string question, ConversationHistory history)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        var trimmed = question.Trim();
        var previous = history.Last?.StandaloneQuestion.Trim();
        if (trimmed.Length == 0 || string.IsNullOrEmpty(previous))
        {
            return question;
        }

        return trimmed.Any(c => LanguageDetector.IsHan(c) || LanguageDetector.IsKana(c))
            ? Chinese(trimmed, previous) ?? question
            : English(trimmed, previous) ?? question;
    }

    private static string? English(string question, string previous)
    {
        var cues = FollowUpCues.English;
        var slot = EntitySlot().Match(question);
        if (slot.Success && EnglishWords(slot.Groups["rest"].Value) is { Count: > 0 and <= 5 } restWords && !StartsAnotherQuestion(restWords[0].Value, cues))
        {
            var rest = slot.Groups["rest"].Value.Trim();
            var preposition = slot.Groups["prep"].Success ? slot.Groups["prep"].Value.ToLowerInvariant() : "for";
            return Substitute(previous, rest, cues, wordBoundaries: true) ?? $"{previous.TrimEnd(EndPunctuation.ToCharArray())}, {preposition} {rest}?";
        }

        var words = EnglishWords(question);
        var content = 0;
        var topicWords = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (IsContent(words[i].Value, cues))
            {
                content += IsNamed(words[i].Value, i) ? 2 : 1;
                topicWords += cues.AspectWords.Contains(words[i].Value.ToLowerInvariant()) ? 0 : 1;
            }
        }

        if (Pronoun(question, words, cues) is { } pronoun && content <= 3)
        {
            var subject = Subject(previous, cues);
            if (subject.Length > 0)
            {
                return string.Concat(question.AsSpan(0, pronoun.Index), subject, question.AsSpan(pronoun.Index + pronoun.Length));
            }
        }

        // A lone topic word stands on its own ("who can take a sabbatical?"); a lone aspect word does not ("is there a limit?").
        if ((content <= 1 && topicWords == 0) || (FollowUpOpener().IsMatch(question) && content <= 3))
        {
            var terms = string.Join(' ', EnglishWords(previous).Where(w => IsContent(w.Value, cues)).Select(w => w.Value).Distinct(StringComparer.OrdinalIgnoreCase));
            if (terms.Length > 0)
            {
                return $"{question.TrimEnd(EndPunctuation.ToCharArray())} for {terms}?";
            }
        }

        return null;
    }

    private static string? Chinese(string question, string previous)
    {
        var cues = FollowUpCues.Chinese;
        var core = question.TrimEnd(EndPunctuation.ToCharArray());
        var end = question.Length > core.Length ? question[core.Length..].Trim() : "？";
        var slot = ChineseSlot().Match(core);
        if (slot.Success && slot.Groups["x"].Value is { Length: > 0 and <= 12 } entity && !cues.QuestionWords.Any(entity.Contains))
        {
            return Substitute(previous, entity, cues, wordBoundaries: false) ?? entity + previous;
        }

        var content = ChineseContent(core, cues);
        var pronoun = cues.Pronouns.OrderByDescending(p => p.Length).FirstOrDefault(p => core.Contains(p, StringComparison.Ordinal));
        var topic = ChineseTopic(previous, cues);
        if (topic.Length == 0)
        {
            return null;
        }

        if (pronoun is not null && content <= 6)
        {
            var at = core.IndexOf(pronoun, StringComparison.Ordinal);
            return string.Concat(core.AsSpan(0, at), topic, core.AsSpan(at + pronoun.Length), end);
        }

        // Two characters is one word ("结转", "提前"): too little for a question of its own; "年假有多少天" (年假, 天) is not.
        if (content <= 2)
        {
            return topic + (core.StartsWith('那') ? core[1..] : core) + end;
        }

        return null;
    }

    /// <summary>
    /// <paramref name="previous"/> with its entity of the kind <paramref name="replacement"/> names swapped for it, or
    /// null when the two share no kind.
    /// </summary>
    private static string? Substitute(string previous, string replacement, FollowUpCues cues, bool wordBoundaries)
    {
        foreach (var entities in cues.Classes)
        {
            var added = entities.Select(e => Find(replacement, e, wordBoundaries)).FirstOrDefault(m => m is not null);
            if (added is null)
            {
                continue;
            }

            var newEntity = replacement.Substring(added.Value.Index, added.Value.Length);
            foreach (var entity in entities)
            {
                if (Find(previous, entity, wordBoundaries) is { } old && !previous.Substring(old.Index, old.Length).Equals(newEntity, StringComparison.OrdinalIgnoreCase))
                {
                    return string.Concat(previous.AsSpan(0, old.Index), newEntity, previous.AsSpan(old.Index + old.Length));
                }
            }
        }

        return null;
    }

    private static (int Index, int Length)? Find(string text, string entity, bool wordBoundaries)
    {
        if (!wordBoundaries)
        {
            var at = text.IndexOf(entity, StringComparison.OrdinalIgnoreCase);
            return at < 0 ? null : (at, entity.Length);
        }

        var match = Regex.Match(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(entity)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? (match.Index, match.Length) : null;
    }

    /// <summary>The previous question's subject: its longest run of topic words (the last of equals), as written there.</summary>
    private static string Subject(string previous, FollowUpCues cues)
    {
        var words = EnglishWords(previous);
        (int Start, int Count) best = (0, 0);
        var start = -1;
        for (var i = 0; i <= words.Count; i++)
        {
            if (i < words.Count && IsContent(words[i].Value, cues))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0 && i - start >= best.Count)
            {
                best = (start, i - start);
            }

            start = -1;
        }

        if (best.Count == 0)
        {
            return string.Empty;
        }

        var first = words[best.Start];
        var last = words[best.Start + best.Count - 1];
        return previous[first.Index..(last.Index + last.Length)];
    }

    private static (int Index, int Length)? Pronoun(string question, List<Match> words, FollowUpCues cues)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Value.ToLowerInvariant();
            var isOne = word == "one" && (i == words.Count - 1 || words[i - 1 >= 0 ? i - 1 : 0].Value.ToLowerInvariant() is "the" or "which" or "old" or "new" or "another");
            if (!cues.Pronouns.Contains(word) && !isOne)
            {
                continue;
            }

            // "Is it allowed to …", "how long does it take to …": "it" points forward, not back.
            if (word == "it" && question[(words[i].Index + words[i].Length)..].Contains(" to ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return (words[i].Index, words[i].Length);
        }

        return null;
    }

    // "and how long does it take?" is a new question about the same subject, not a new entity in the old question.
    private static bool StartsAnotherQuestion(string word, FollowUpCues cues) =>
        cues.QuestionWords.Contains(word.ToLowerInvariant())
        || word.ToLowerInvariant() is "is" or "are" or "do" or "does" or "did" or "can" or "could" or "should" or "would" or "will" or "may" or "must" or "if";

    private static bool IsContent(string word, FollowUpCues cues)
    {
        var lower = word.ToLowerInvariant();
        if (lower.EndsWith("'s", StringComparison.Ordinal) || lower.EndsWith("’s", StringComparison.Ordinal))
        {
            lower = lower[..^2];
        }

        return (lower.Length > 1 || char.IsDigit(lower[0]))
            && !StopWords.IsStopWord(lower)
            && !cues.QuestionWords.Contains(lower)
            && !cues.FunctionWords.Contains(lower)
            && !cues.Pronouns.Contains(lower);
    }

    // An acronym (MFA, VPN) or a capitalised word inside the sentence (Relaykit, Shanghai) names a topic on its own.
    private static bool IsNamed(string word, int position) =>
        (word.Length >= 2 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) && word.Any(char.IsLetter)) || (position > 0 && char.IsUpper(word[0]));

    private static int ChineseContent(string text, FollowUpCues cues)
    {
        var rest = RemoveAll(text, cues.QuestionWords.Concat(StopWords.ChineseMultiCharacter));
        var han = rest.Count(c => LanguageDetector.IsHan(c) && !StopWords.IsStopWord(c.ToString()));
        var named = EnglishWords(rest).Count;
        return han + (2 * named);
    }

    /// <summary>The previous question without its question words, particles and end punctuation: "怎么申请年假？" → "申请年假".</summary>
    private static string ChineseTopic(string previous, FollowUpCues cues)
    {
        var topic = RemoveAll(previous.TrimEnd(EndPunctuation.ToCharArray()), cues.QuestionWords).Replace(" ", string.Empty, StringComparison.Ordinal);
        while (topic.Length > 0 && StopWords.IsStopWord(topic[^1].ToString()))
        {
            topic = topic[..^1];
        }

        while (topic.Length > 0 && StopWords.IsStopWord(topic[0].ToString()))
        {
            topic = topic[1..];
        }

        return topic;
    }

    private static string RemoveAll(string text, IEnumerable<string> words)
    {
        foreach (var word in words.OrderByDescending(w => w.Length))
        {
            text = text.Replace(word, " ", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    private static List<Match> EnglishWords(string text) => [.. Word().Matches(text).Cast<Match>()];

    [GeneratedRegex(@"[\p{L}\p{N}-[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]]+(?:['’\-/.][\p{L}\p{N}-[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]]+)*")]
    private static partial Regex Word();

    [GeneratedRegex(@"^(?:(?:and|also|but|or)\s+)?(?:(?:what|how)\s+about\s+|and\s+)(?:(?<prep>for|in|at|on|with|during|to)\s+)?(?<rest>[^?？!.]+?)\s*[?？!.]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EntitySlot();

    [GeneratedRegex(@"^(?:what\s+if|what\s+else|then|so|and\s+then|in\s+that\s+case)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FollowUpOpener();

    [GeneratedRegex(@"^(?:那么|那|还有|如果是)?(?<x>.+?)呢$")]
    private static partial Regex ChineseSlot();
}
