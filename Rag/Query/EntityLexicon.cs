using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Query;

/// <summary>
/// The typed entities the follow-up rewrite recognises: a small seeded list of generic ones (world cities and
/// countries, plan tiers, roles, groups of people; Query/Data/followup-*.txt) and the names found in the indexed
/// knowledge (<see cref="Build"/>): offices ("the Austin office"), plans ("the Developer plan"), products and systems
/// named in document titles ("Relaykit pricing sheet"), and people (capitalised names that the text never writes in
/// lower case, "Anna Keller").
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed partial class EntityLexicon
{
    private const int MaxWords = 4;
    private readonly FrozenDictionary<string, EntityType> _latin;
    private readonly FrozenDictionary<string, EntityType> _han;
    private readonly int _longestHan;

    private readonly FrozenSet<string> _corpus;
    private readonly FrozenSet<string> _topics;

    private EntityLexicon(Dictionary<string, EntityType> entries, HashSet<string>? corpus = null, HashSet<string>? topics = null)
    {
        _corpus = (corpus ?? []).ToFrozenSet(StringComparer.Ordinal);
        _topics = (topics ?? []).ToFrozenSet(StringComparer.Ordinal);
        _latin = entries.Where(e => !e.Key.Any(LanguageDetector.IsHan)).ToFrozenDictionary(StringComparer.Ordinal);
        _han = entries.Where(e => e.Key.Any(LanguageDetector.IsHan)).ToFrozenDictionary(StringComparer.Ordinal);
        _longestHan = _han.Count == 0 ? 0 : _han.Keys.Max(k => k.Length);
    }

    /// <summary>The seeded generic entities only (no index read): what the rewrite knows before the index is open.</summary>
    public static EntityLexicon Seed { get; } = new(SeedEntries());

    /// <summary>Entities known, seeded and found.</summary>
    public int Count => _latin.Count + _han.Count;

    /// <summary>True when the lexicon was built from indexed text, so <see cref="IsTopic"/> can tell topics from aspects.</summary>
    public bool KnowsCorpus => _corpus.Count > 0;

    /// <summary>
    /// True when <paramref name="word"/> names a topic of the index: a word (or, in Chinese, a two-character word) of a
    /// document title or section heading that is not in most passages, or a Latin word the indexed text never uses (a
    /// new name). Aspect words ("advance", "ask", "审批") appear in the text but head no document. False for every word
    /// when <see cref="KnowsCorpus"/> is false.
    /// </summary>
    public bool IsTopic(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (!KnowsCorpus || word.Length < 2)
        {
            return false;
        }

        if (word.Any(LanguageDetector.IsHan))
        {
            return _topics.Contains(word);
        }

        var stem = Stem(word.ToLowerInvariant());
        return _topics.Contains(stem) || !_corpus.Contains(stem);
    }

    /// <summary>
    /// The seeded entities plus those found in <paramref name="documents"/> (each a title, a section heading and a
    /// passage of text; a document may come once per passage).
    /// </summary>
    public static EntityLexicon Build(IEnumerable<(string Title, string Heading, string Text)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var entries = SeedEntries();
        var lowerSeen = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        var headings = new HashSet<string>(StringComparer.Ordinal);
        var texts = new List<string>();
        var corpus = new HashSet<string>(StringComparer.Ordinal);
        var documentsUsing = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (title, heading, text) in documents)
        {
            titles.Add(title);
            headings.Add(heading);
            texts.Add(text);
            foreach (var stem in Word().Matches(text).Select(w => Stem(w.Value.ToLowerInvariant())).Distinct(StringComparer.Ordinal))
            {
                corpus.Add(stem);
                if (!documentsUsing.TryGetValue(stem, out var users))
                {
                    documentsUsing[stem] = users = new HashSet<string>(StringComparer.Ordinal);
                }

                users.Add(title);
            }

            foreach (Match word in Word().Matches(text))
            {
                // Host names, addresses and paths ("app.relaykit.io", "dpo@…") are written in lower case whatever they name.
                var inAddress = (word.Index > 0 && text[word.Index - 1] is '.' or '@' or '/')
                    || (word.Index + word.Length < text.Length - 1 && text[word.Index + word.Length] is '.' or '@' or '/' && char.IsLetterOrDigit(text[word.Index + word.Length + 1]));
                if (char.IsLower(word.Value[0]) && !inAddress)
                {
                    lowerSeen.Add(word.Value);
                }
            }
        }

        // A word the text also writes in lower case is an ordinary word ("Service", "Team"), not a name.
        bool IsName(string word) => (char.IsUpper(word[0]) || word.Any(char.IsUpper)) && word.Length >= 2
            && !lowerSeen.Contains(word.ToLowerInvariant()) && !StopWords.IsStopWord(word.ToLowerInvariant());

        foreach (var title in titles)
        {
            foreach (Match word in Word().Matches(title))
            {
                if (IsName(word.Value))
                {
                    entries.TryAdd(word.Value.ToLowerInvariant(), EntityType.Product);
                }
            }
        }

        foreach (var text in texts)
        {
            foreach (Match office in Office().Matches(text))
            {
                if (IsName(office.Groups["name"].Value))
                {
                    entries.TryAdd(office.Groups["name"].Value.ToLowerInvariant(), EntityType.Place);
                }
            }

            // Plan names are ordinary words ("Team", "Growth"): capitalised before "plan" is enough.
            foreach (Match plan in Plan().Matches(text))
            {
                entries.TryAdd(plan.Groups["name"].Value.ToLowerInvariant(), EntityType.Plan);
            }
        }

        foreach (var text in texts)
        {
            foreach (Match name in Name().Matches(text))
            {
                var words = name.Value.Split(' ');
                if (words.All(IsName) && words.All(w => !entries.ContainsKey(w.ToLowerInvariant())))
                {
                    entries.TryAdd(name.Value.ToLowerInvariant(), EntityType.Person);
                }
            }
        }

        // Title and heading words that many documents use ("weeks", "ask", "policy") name no topic in particular; nor do
        // the rewrite's own question, function and aspect words ("Which letter do I need?").
        var topics = new HashSet<string>(StringComparer.Ordinal);
        var generic = FollowUpCues.English.QuestionWords.Concat(FollowUpCues.English.FunctionWords).Concat(FollowUpCues.English.AspectWords).Concat(FollowUpCues.English.FillerWords).Select(Stem).ToHashSet(StringComparer.Ordinal);
        var maxDocuments = Math.Max(2, titles.Count / 6);
        foreach (var line in titles.Concat(headings))
        {
            foreach (Match word in Word().Matches(line))
            {
                var stem = Stem(word.Value.ToLowerInvariant());
                if (stem.Length >= 3 && !StopWords.IsStopWord(word.Value.ToLowerInvariant()) && !generic.Contains(stem)
                    && (documentsUsing.TryGetValue(stem, out var users) ? users.Count : 0) <= maxDocuments)
                {
                    topics.Add(stem);
                }
            }

            for (var i = 0; i + 1 < line.Length; i++)
            {
                if (LanguageDetector.IsHan(line[i]) && LanguageDetector.IsHan(line[i + 1]) && !StopWords.IsStopWord(line[i].ToString()) && !StopWords.IsStopWord(line[i + 1].ToString()))
                {
                    topics.Add(line.Substring(i, 2));
                }
            }
        }

        corpus.Add(string.Empty);
        return new EntityLexicon(entries, corpus, topics);
    }

    private static string Stem(string word) => word.Length > 5 ? word[..5] : word;

    /// <summary>The type of <paramref name="entity"/> (any case), or null when it is not known.</summary>
    public EntityType? TypeOf(string entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var key = entity.Trim().ToLowerInvariant();
        return _latin.TryGetValue(key, out var type) || _han.TryGetValue(key, out type) ? type : null;
    }

    /// <summary>The known entities in <paramref name="text"/>, in order, longest first where two overlap.</summary>
    public IReadOnlyList<EntityMention> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<EntityMention>();
        var words = Word().Matches(text).Cast<Match>().ToList();
        for (var i = 0; i < words.Count; i++)
        {
            for (var n = Math.Min(MaxWords, words.Count - i); n >= 1; n--)
            {
                var start = words[i].Index;
                var end = words[i + n - 1].Index + words[i + n - 1].Length;
                var surface = text[start..end];
                if (_latin.TryGetValue(Normalise(surface), out var type))
                {
                    found.Add(new EntityMention(type, surface, start));
                    i += n - 1;
                    break;
                }
            }
        }

        for (var i = 0; i < text.Length && _longestHan > 0; i++)
        {
            if (!LanguageDetector.IsHan(text[i]))
            {
                continue;
            }

            for (var n = Math.Min(_longestHan, text.Length - i); n >= 2; n--)
            {
                if (_han.TryGetValue(text.Substring(i, n), out var type))
                {
                    found.Add(new EntityMention(type, text.Substring(i, n), i));
                    i += n - 1;
                    break;
                }
            }
        }

        return [.. found.OrderBy(m => m.Index)];
    }

    private static string Normalise(string surface) => WhiteSpace().Replace(surface.ToLowerInvariant(), " ");

    private static Dictionary<string, EntityType> SeedEntries()
    {
        var entries = new Dictionary<string, EntityType>(StringComparer.Ordinal);
        foreach (var cues in (FollowUpCues[])[FollowUpCues.English, FollowUpCues.Chinese])
        {
            foreach (var (type, words) in cues.Entities)
            {
                foreach (var word in words)
                {
                    entries.TryAdd(word, type);
                }
            }
        }

        return entries;
    }

    [GeneratedRegex(@"[\p{L}\p{N}-[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]]+(?:['’\-][\p{L}\p{N}-[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]]+)*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(?<name>[A-Z][\p{L}]+) (?:office|Office|campus|site)\b")]
    private static partial Regex Office();

    [GeneratedRegex(@"\b(?<name>[A-Z][\p{L}]+) (?:plan|Plan|tier|Tier|edition|Edition)\b")]
    private static partial Regex Plan();

    [GeneratedRegex(@"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b")]
    private static partial Regex Name();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
