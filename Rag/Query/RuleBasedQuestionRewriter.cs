using System.Text.RegularExpressions;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Memory;

namespace Assistant.Rag.Query;

/// <summary>
/// The rewrite without an LLM. A follow-up is recognised by its shape: an opener that names a new entity ("and for
/// contractors?", "ok what about the UK", "上海呢？"), a pronoun that points back ("how do I reach her?", "它/他/这个…"),
/// a cue that returns to an earlier topic ("back to the vpn, …", "回到刚才的问题，…"), or no topic of its own ("how far
/// ahead do I have to ask?", "那要谁审批？"). Entities are typed (<see cref="EntityLexicon"/>: places, plans, products,
/// people, roles, groups, from a seeded list and from the index): a new entity replaces the previous one of its type,
/// and "he/she/her" become the most recent person named in the previous answer or question (the role asked about
/// when no name was given). Anything else is returned unchanged, so a new self-contained question is searched as
/// typed even when it shares words with earlier turns.
/// </summary>
/// <remarks>Stateless and thread-safe. English and Chinese; other languages are returned unchanged unless they follow an opener.</remarks>
public sealed partial class RuleBasedQuestionRewriter : IQuestionRewriter
{
    private const string EndPunctuation = " \t?？。.!！";
    private static readonly EntityType[] Anchors = [EntityType.Place, EntityType.Plan, EntityType.Product, EntityType.Person];
    private readonly EntityLexiconCache? _lexicons;

    /// <summary>A rewrite that knows only the seeded entities (no index).</summary>
    public RuleBasedQuestionRewriter()
    {
    }

    /// <summary>A rewrite that knows the entities of the index as well (offices, plans, products and people named in it).</summary>
    public RuleBasedQuestionRewriter(EntityLexiconCache lexicons)
    {
        _lexicons = lexicons;
    }

    /// <inheritdoc />
    public Task<string> RewriteAsync(string question, ConversationHistory history, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Turns.Count == 0)
        {
            return Task.FromResult(question);
        }

        return Task.FromResult(Rewrite(question, history, _lexicons?.Current ?? EntityLexicon.Seed));
    }

    /// <summary>The standalone form of <paramref name="question"/> given <paramref name="history"/>, with the seeded entities only.</summary>
    public static string Rewrite(string question, ConversationHistory history) => Rewrite(question, history, EntityLexicon.Seed);

    /// <summary>The standalone form of <paramref name="question"/> given <paramref name="history"/> and the entities of <paramref name="lexicon"/>.</summary>
    public static string Rewrite(string question, ConversationHistory history, EntityLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(lexicon);
        var trimmed = question.Trim();
        if (trimmed.Length == 0 || history.Last is null || string.IsNullOrWhiteSpace(history.Last.StandaloneQuestion))
        {
            return question;
        }

        var chinese = trimmed.Any(c => LanguageDetector.IsHan(c) || LanguageDetector.IsKana(c));
        var cues = chinese ? FollowUpCues.Chinese : FollowUpCues.English;
        if (TopicReturn.Of(trimmed, history, cues, chinese) is { } back)
        {
            return Returned(back, history, lexicon, chinese);
        }

        var context = new Context(history.Last.StandaloneQuestion.Trim(), history, lexicon);
        return (chinese ? Chinese(trimmed, context) : English(trimmed, context)) ?? question;
    }

    /// <summary>
    /// A return to an earlier turn: the question after the cue, read as a follow-up of that turn, and holding the topic
    /// the cue names or, when it names none, that turn's topic.
    /// </summary>
    private static string Returned(TopicReturn back, ConversationHistory history, EntityLexicon lexicon, bool chinese)
    {
        var upTo = history.Turns.TakeWhile(t => !ReferenceEquals(t, back.Turn)).Append(back.Turn).ToList();
        var context = new Context(back.Turn.StandaloneQuestion.Trim(), new ConversationHistory(history.Summary, upTo), lexicon, back.Named);
        var rest = back.Rest;
        var rewritten = (chinese ? Chinese(rest, context) : English(rest, context)) ?? rest;
        if (chinese)
        {
            if (back.Named is { } named)
            {
                return rewritten.Contains(named, StringComparison.OrdinalIgnoreCase) ? rewritten : named + rewritten;
            }

            // "回到刚才的问题，团队午餐是星期几？": a question of its own but for the earlier turn's office or product.
            var entities = string.Concat(lexicon.Find(context.Previous).Where(m => Anchors.Contains(m.Type) && !rewritten.Contains(m.Text, StringComparison.OrdinalIgnoreCase)).Select(m => m.Text));
            return ReferenceEquals(rewritten, rest) ? entities + rewritten : rewritten;
        }

        var cues = FollowUpCues.English;
        // A named topic with the earlier question's subject and entities ("luggage" → "luggage travel insurance");
        // without one, the earlier question's topic words.
        var earlier = back.Named is null
            ? EnglishWords(context.Previous).Where(w => IsContent(w.Value, cues) && !cues.AspectWords.Contains(w.Value.ToLowerInvariant())).Select(w => w.Value)
            : EnglishWords(back.Named).Select(w => w.Value)
                .Concat(lexicon.Find(context.Previous).Where(m => Anchors.Contains(m.Type)).Select(m => m.Text))
                .Concat(EnglishWords(Subject(context.Previous, cues)).Select(w => w.Value));
        var wanted = earlier
            .Where(w => IsContent(w, cues) && !Contains(rewritten, w))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return wanted.Count == 0 ? rewritten : $"{rewritten.TrimEnd(EndPunctuation.ToCharArray())} ({string.Join(' ', wanted)})?";
    }

    private static string? English(string question, Context context)
    {
        var cues = FollowUpCues.English;
        var previous = context.Previous;
        var slot = EntitySlot().Match(question);
        if (slot.Success && EnglishWords(slot.Groups["rest"].Value) is { Count: > 0 and <= 6 } restWords && !StartsAnotherQuestion(restWords[0].Value, cues))
        {
            var rest = slot.Groups["rest"].Value.Trim();
            var preposition = slot.Groups["prep"].Success ? slot.Groups["prep"].Value.ToLowerInvariant() : "for";
            return Substitute(previous, rest, context.Lexicon) ?? $"{previous.TrimEnd(EndPunctuation.ToCharArray())}, {preposition} {SameRemoved(rest)}?";
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

        foreach (var pronoun in Pronouns(question, words, cues))
        {
            if (content > 3 && !(pronoun.Person && content <= 5))
            {
                break;
            }

            var word = question.Substring(pronoun.Index, pronoun.Length).ToLowerInvariant();
            var referent = pronoun.Person ? PersonReferent(context) : word is "they" or "them" or "their" ? PeopleReferent(context, cues) : ThingReferent(context, cues);
            if (referent.Length == 0)
            {
                continue;
            }

            var possessive = (word == "her" && pronoun.NextIsContent) || word is "his" or "hers" or "its" or "their";
            var replacement = possessive && !referent.EndsWith('s') ? referent + "'s" : referent;
            return string.Concat(question.AsSpan(0, pronoun.Index), replacement, question.AsSpan(pronoun.Index + pronoun.Length));
        }

        // A lone topic word stands on its own ("who can take a sabbatical?"); a lone aspect word does not ("is there a limit?").
        // Nor does a short question with no entity, no topic word of the index and nothing in common with the previous one
        // ("how far ahead do I have to ask?"): it asks about another aspect of the same topic.
        if ((content <= 1 && topicWords == 0) || (FollowUpOpener().IsMatch(question) && content <= 3) || IsAspectOnly(question, words, context, cues))
        {
            // Function words stay ("work from Portugal"): what is searched is the previous topic, not its question words.
            var terms = string.Join(' ', EnglishWords(previous).Where(w => IsContent(w.Value, cues) || cues.FunctionWords.Contains(w.Value.ToLowerInvariant())).Select(w => w.Value).Distinct(StringComparer.OrdinalIgnoreCase));
            if (terms.Length > 0)
            {
                return $"{question.TrimEnd(EndPunctuation.ToCharArray())} for {terms}?";
            }
        }

        return null;
    }

    /// <summary>
    /// True for a short question that names no entity, no topic of the index and nothing of the previous question
    /// ("how far ahead do I have to ask?"). Only with a lexicon built from the index: without one a new topic cannot be
    /// told from an aspect, and the question is left as typed.
    /// </summary>
    private static bool IsAspectOnly(string question, List<Match> words, Context context, FollowUpCues cues)
    {
        var content = words.Select((w, i) => (Word: w.Value, Position: i)).Where(w => IsContent(w.Word, cues)).ToList();
        if (!context.Lexicon.KnowsCorpus || content.Count == 0 || content.Count > 4
            || content.Any(w => IsNamed(w.Word, w.Position) || context.Lexicon.IsTopic(w.Word))
            || context.Lexicon.Find(question).Any(m => Anchors.Contains(m.Type)))
        {
            return false;
        }

        var before = EnglishWords(context.Previous).Select(w => Stem(w.Value.ToLowerInvariant())).ToHashSet(StringComparer.Ordinal);
        return !content.Any(w => before.Contains(Stem(w.Word.ToLowerInvariant())));
    }

    private static string Stem(string word) => word.Length > 5 ? word[..5] : word;

    private static string? Chinese(string question, Context context)
    {
        var cues = FollowUpCues.Chinese;
        var previous = context.Previous;
        var core = question.TrimEnd(EndPunctuation.ToCharArray());
        var end = question.Length > core.Length ? question[core.Length..].Trim() : "？";
        var slot = ChineseSlot().Match(core);
        if (slot.Success && slot.Groups["x"].Value is { Length: > 0 and <= 12 } entity && !cues.QuestionWords.Any(entity.Contains))
        {
            return Substitute(previous, entity, context.Lexicon) ?? entity.TrimEnd('的') + previous;
        }

        var content = ChineseContent(core, cues);
        var pronoun = ChinesePronoun(core, cues);
        var topic = context.Named ?? ChineseTopic(previous, cues);
        if (topic.Length == 0)
        {
            return null;
        }

        if (pronoun is not null && content <= 6)
        {
            var at = core.IndexOf(pronoun, StringComparison.Ordinal);
            var referent = pronoun is "他" or "她" or "他们" or "她们" ? ChinesePersonReferent(context, topic) : topic;
            var after = core.AsSpan(at + pronoun.Length);
            return string.Concat(core.AsSpan(0, at), referent, after, end);
        }

        // Two characters is one word ("结转", "提前"): too little for a question of its own; "年假有多少天" (年假, 天) is not.
        // A short question with no entity and no word of the previous question asks about another aspect of it ("经理一直不批怎么办").
        if (content <= 2 || IsChineseAspectOnly(core, content, context, cues))
        {
            return topic + (core.StartsWith('那') ? core[1..] : core) + end;
        }

        return null;
    }

    /// <summary>
    /// True for a short or conditional question ("经理一直不批怎么办", "酒店含早餐的话怎么算") that names no entity, no
    /// topic of the index and no word of the previous question. Only with a lexicon built from the index.
    /// </summary>
    private static bool IsChineseAspectOnly(string core, int content, Context context, FollowUpCues cues)
    {
        var conditional = ChineseConditional().IsMatch(core);
        if (!context.Lexicon.KnowsCorpus || (content > 6 && !(conditional && content <= 10)))
        {
            return false;
        }

        var bare = RemoveAll(core, cues.QuestionWords);
        for (var i = 0; i + 1 < bare.Length; i++)
        {
            if (context.Lexicon.IsTopic(bare.Substring(i, 2)))
            {
                return false;
            }
        }

        return !SharesWord(bare, RemoveAll(context.Previous, cues.QuestionWords))
            && !context.Lexicon.Find(core).Any(m => Anchors.Contains(m.Type))
            && !EnglishWords(core).Any(w => IsNamed(w.Value, 1) || context.Lexicon.IsTopic(w.Value));
    }

    /// <summary>True when the two share a two-character word (or a Latin word), the sign that the question names its own topic.</summary>
    private static bool SharesWord(string question, string previous)
    {
        for (var i = 0; i + 1 < question.Length; i++)
        {
            if (LanguageDetector.IsHan(question[i]) && LanguageDetector.IsHan(question[i + 1]) && !StopWords.IsStopWord(question[i].ToString())
                && previous.Contains(question.AsSpan(i, 2), StringComparison.Ordinal))
            {
                return true;
            }
        }

        var theirs = EnglishWords(previous).Select(w => w.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return EnglishWords(question).Any(w => w.Value.Length > 1 && theirs.Contains(w.Value.ToLowerInvariant()));
    }

    // "他" inside "其他" or "他人" is not a pronoun.
    private static string? ChinesePronoun(string core, FollowUpCues cues)
    {
        foreach (var pronoun in cues.Pronouns.OrderByDescending(p => p.Length))
        {
            var at = core.IndexOf(pronoun, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            if (pronoun.StartsWith('他') && ((at > 0 && core[at - 1] is '其' or '吉') || (at + pronoun.Length < core.Length && core[at + pronoun.Length] == '人')))
            {
                continue;
            }

            return pronoun;
        }

        return null;
    }

    /// <summary>The person "他/她" points to: a name in the previous answer, else the role the previous question asked about.</summary>
    private static string ChinesePersonReferent(Context context, string topic) =>
        context.Mentions(EntityType.Person).FirstOrDefault()?.Text ?? topic;

    /// <summary>
    /// Who "he/she/her/him" is: the most recent person named (in the previous answer, then the previous question, then
    /// earlier turns), with the role asked about when there is one; the role alone when no name was given.
    /// </summary>
    private static string PersonReferent(Context context)
    {
        var person = context.Mentions(EntityType.Person).FirstOrDefault();
        var role = context.Lexicon.Find(context.Previous).Where(m => m.Type == EntityType.Role).OrderByDescending(m => m.Text.Length).FirstOrDefault();
        var rolePhrase = role is null ? null : RolePhrase(context.Previous, role);
        return (person, rolePhrase) switch
        {
            ({ } p, { } r) => $"{r} {p.Text}",
            ({ } p, null) => p.Text,
            (null, { } r) => r,
            _ => string.Empty,
        };
    }

    /// <summary>
    /// Who "they/their" are: the group of people the previous question named, with the product just before it
    /// ("tallyboard customer"); else what "it" would be.
    /// </summary>
    private static string PeopleReferent(Context context, FollowUpCues cues)
    {
        var mentions = context.Lexicon.Find(context.Previous);
        var group = mentions.LastOrDefault(m => m.Type == EntityType.Group);
        if (group is null)
        {
            return ThingReferent(context, cues);
        }

        var before = mentions.LastOrDefault(m => m.End < group.Index && group.Index - m.End <= 1 && m.Type == EntityType.Product);
        return before is null ? group.Text : context.Previous[before.Index..group.End];
    }

    /// <summary>The role with the topic words just before it ("travel manager", "data protection officer").</summary>
    private static string RolePhrase(string previous, EntityMention role)
    {
        var words = EnglishWords(previous);
        var start = role.Index;
        for (var i = words.Count - 1; i >= 0; i--)
        {
            if (words[i].Index >= role.Index)
            {
                continue;
            }

            if (!IsContent(words[i].Value, FollowUpCues.English) || role.End - words[i].Index > 40)
            {
                break;
            }

            start = words[i].Index;
        }

        return previous[start..role.End];
    }

    /// <summary>What "it/they/that" is: a product or system the previous question named (the topic a return cue names), else its subject.</summary>
    private static string ThingReferent(Context context, FollowUpCues cues)
    {
        if (context.Named is { Length: > 0 } named)
        {
            return named;
        }

        var product = context.Lexicon.Find(context.Previous).LastOrDefault(m => m.Type == EntityType.Product);
        var subject = Subject(context.Previous, cues);
        return product is null || Contains(subject, product.Text) ? subject : product.Text;
    }

    private static bool Contains(string text, string word) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // "the same plan on Relaykit" → "Relaykit"'s question keeps its plan: the words "the same …" carry nothing new.
    private static string SameRemoved(string rest) => SamePrefix().Replace(rest, string.Empty);

    /// <summary>
    /// <paramref name="previous"/> with each of its entities of a type <paramref name="replacement"/> names swapped for
    /// the new one, or null when the two share no type.
    /// </summary>
    private static string? Substitute(string previous, string replacement, EntityLexicon lexicon)
    {
        var added = lexicon.Find(replacement);
        if (added.Count == 0)
        {
            return null;
        }

        var old = lexicon.Find(previous);
        var swaps = new List<(EntityMention Old, string New)>();
        foreach (var mention in added)
        {
            var same = old.LastOrDefault(m => m.Type == mention.Type && swaps.All(s => s.Old != m));
            if (same is not null && !same.Text.Equals(mention.Text, StringComparison.OrdinalIgnoreCase))
            {
                swaps.Add((same, mention.Text));
            }
        }

        if (swaps.Count == 0)
        {
            return null;
        }

        var result = previous;
        foreach (var (from, to) in swaps.OrderByDescending(s => s.Old.Index))
        {
            result = string.Concat(result.AsSpan(0, from.Index), to, result.AsSpan(from.End));
        }

        return result;
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

    private static IEnumerable<(int Index, int Length, bool Person, bool NextIsContent)> Pronouns(string question, List<Match> words, FollowUpCues cues)
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

            var person = word is "he" or "she" or "him" or "her" or "his" or "hers";
            var nextIsContent = i + 1 < words.Count && IsContent(words[i + 1].Value, cues);
            yield return (words[i].Index, words[i].Length, person, nextIsContent);
        }
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
            && !cues.FillerWords.Contains(lower)
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

    [GeneratedRegex(@"^(?:(?:ok(?:ay)?|so|right|hmm+|alright|cool|thanks|great)[,!.\s]+)*(?:(?:and|also|but|or)\s+)?(?:(?:what|how)\s+about\s+|and\s+|(?:the\s+)?same\s+(?:\w+\s+)?(?=(?:for|in|on|at|with)\b))(?:(?<prep>for|in|at|on|with|during|to)\s+)?(?<rest>[^?？!.]+?)\s*[?？!.]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EntitySlot();

    [GeneratedRegex(@"^(?:the\s+)?same\s+(?:\w+\s+)?(?:for|in|on|at|with)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SamePrefix();

    [GeneratedRegex(@"^(?:what\s+if|what\s+else|then|so|and\s+then|in\s+that\s+case)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FollowUpOpener();

    [GeneratedRegex(@"^(?:那么|那|如果|要是|假如|万一)|的话")]
    private static partial Regex ChineseConditional();

    [GeneratedRegex(@"^(?:那么|那|还有|如果是)?(?<x>.+?)呢$")]
    private static partial Regex ChineseSlot();

    /// <summary>What a follow-up is read against: the question it follows (as searched), the turns up to it, and the entities known.</summary>
    /// <param name="Previous">The standalone question of the turn followed.</param>
    /// <param name="History">The turns up to and including the one followed.</param>
    /// <param name="Lexicon">The entities known.</param>
    /// <param name="Named">The topic a return cue named ("back to the vpn"), which "it" then means; null otherwise.</param>
    private sealed record Context(string Previous, ConversationHistory History, EntityLexicon Lexicon, string? Named = null)
    {
        /// <summary>Entities of <paramref name="type"/>, most recent first: the followed turn's answer, its question, then earlier turns.</summary>
        public IEnumerable<EntityMention> Mentions(EntityType type)
        {
            for (var i = History.Turns.Count - 1; i >= 0; i--)
            {
                var turn = History.Turns[i];
                var question = i == History.Turns.Count - 1 ? Previous : turn.StandaloneQuestion;
                foreach (var text in (string[])[turn.AnswerSummary, question])
                {
                    foreach (var mention in Lexicon.Find(text).Where(m => m.Type == type))
                    {
                        yield return mention;
                    }
                }
            }
        }
    }
}
