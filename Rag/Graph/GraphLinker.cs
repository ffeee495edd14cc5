using System.Globalization;
using System.Text.RegularExpressions;

namespace Assistant.Rag.Graph;

/// <summary>
/// Finds the graph values a question names: node property values (names, titles, categories …) and each node's
/// <c>aliases</c> (which name its <c>name</c>), matched case- and accent-insensitively at word boundaries, longest first,
/// with one typo allowed in longer names; and the numbers it mentions. Thread-safe (immutable).
/// </summary>
internal sealed partial class GraphLinker
{
    private const int MaxValueLength = 100;
    private readonly List<(string Phrase, string Value, List<(string Label, string Property)> Holders)> _phrases;

    public GraphLinker(PropertyGraph graph)
    {
        var byPhrase = new Dictionary<string, (string Value, List<(string, string)> Holders, bool Alias)>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        void Add(string phrase, string value, string label, string property, bool alias)
        {
            var folded = GraphText.Fold(phrase.Trim());
            if (folded.Length < 2 || folded.Length > MaxValueLength || (folded.Length < 3 && !GraphText.HasCjk(folded)))
            {
                return;
            }

            if (byPhrase.TryGetValue(folded, out var entry))
            {
                if (!string.Equals(entry.Value, value, StringComparison.Ordinal))
                {
                    // Two values under one phrase: an alias gives way to a stored value, two aliases cancel out.
                    if (entry.Alias && !alias)
                    {
                        byPhrase[folded] = (value, [(label, property)], alias);
                    }
                    else if (entry.Alias == alias)
                    {
                        ambiguous.Add(folded);
                    }

                    return;
                }

                if (!entry.Holders.Contains((label, property)))
                {
                    entry.Holders.Add((label, property));
                }

                return;
            }

            byPhrase[folded] = (value, [(label, property)], alias);
        }

        foreach (var node in graph.Nodes)
        {
            foreach (var label in node.Labels)
            {
                foreach (var (key, value) in node.Properties)
                {
                    if (value is string text && key is not ("sources" or "source"))
                    {
                        Add(text, text, label, key, alias: false);
                    }
                }

                if (node.Properties.TryGetValue("name", out var name) && name is string canonical
                    && node.Properties.TryGetValue("aliases", out var aliases) && aliases is IReadOnlyList<object?> list)
                {
                    foreach (var alias in list.OfType<string>())
                    {
                        Add(alias, canonical, label, "name", alias: true);
                    }
                }
            }
        }

        _phrases = byPhrase.Where(p => !ambiguous.Contains(p.Key)).Select(p => (p.Key, p.Value.Value, p.Value.Holders)).ToList();
        // Longest first, so "Service Desk portal" wins over "Service Desk".
        _phrases.Sort((a, b) => b.Phrase.Length.CompareTo(a.Phrase.Length));
    }

    /// <summary>The values <paramref name="text"/> names, non-overlapping, in text order.</summary>
    public List<GraphMention> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = GraphText.Fold(text);
        var taken = new bool[folded.Length];
        var found = new List<GraphMention>();
        foreach (var (phrase, value, holders) in _phrases)
        {
            var cjk = GraphText.HasCjk(phrase);
            for (var at = folded.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                if ((!cjk && !GraphText.AtWordBoundary(folded, at, phrase.Length)) || Taken(taken, at, phrase.Length) || found.Any(f => f.Value == value))
                {
                    continue;
                }

                Take(taken, at, phrase.Length);
                found.Add(new GraphMention(at, phrase.Length, value, holders, Exact: true));
            }
        }

        FindFuzzy(folded, taken, found);
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>The numbers <paramref name="text"/> mentions (digits, and English number words up to twenty), in text order.</summary>
    public static List<(int Start, int Length, double Value)> Numbers(string text)
    {
        var numbers = new List<(int, int, double)>();
        foreach (Match match in Number().Matches(text))
        {
            var token = match.Value.ToLowerInvariant();
            var index = Array.IndexOf(NumberWords, token);
            if (index >= 0)
            {
                numbers.Add((match.Index, match.Length, index));
            }
            else if (double.TryParse(token.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                numbers.Add((match.Index, match.Length, value));
            }
        }

        return numbers;
    }

    private static readonly string[] NumberWords =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];

    // Typos are looked for only in names of six letters or more, one per six letters, over spans of the same word count.
    private void FindFuzzy(string folded, bool[] taken, List<GraphMention> found)
    {
        var words = WordSpans().Matches(folded).Select(m => (m.Index, m.Length)).ToList();
        foreach (var (phrase, value, holders) in _phrases)
        {
            if (phrase.Length < 6 || GraphText.HasCjk(phrase) || found.Any(f => f.Value == value))
            {
                continue;
            }

            var count = WordSpans().Matches(phrase).Count;
            var budget = Math.Min(2, phrase.Length / 6);
            for (var i = 0; i + count <= words.Count; i++)
            {
                var start = words[i].Index;
                var end = words[i + count - 1].Index + words[i + count - 1].Length;
                if (Taken(taken, start, end - start) || GraphText.Distance(folded[start..end], phrase, budget) > budget)
                {
                    continue;
                }

                Take(taken, start, end - start);
                found.Add(new GraphMention(start, end - start, value, holders, Exact: false));
                break;
            }
        }
    }

    private static bool Taken(bool[] taken, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (taken[i])
            {
                return true;
            }
        }

        return false;
    }

    private static void Take(bool[] taken, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            taken[i] = true;
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])\d[\d,]*(\.\d+)?(?![\d])|\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Number();

    [GeneratedRegex(@"[\p{L}\p{Nd}'’.-]+")]
    private static partial Regex WordSpans();
}
