using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Rag.Graph;

/// <summary>
/// Adapts a stored example to a new question: each literal of the example's Cypher that its question names (a linked
/// graph value, a quoted string, a number) is a slot, filled with what the new question names in the same place and of
/// the same kind (the same label and property); literals the example's question does not name stay. Trust falls for a
/// slot left unfilled and for a value or number the new question names that no slot takes: the query would ignore it.
/// </summary>
internal static partial class CypherAdapter
{
    public static AdaptedCypher Adapt(GraphExample example, string question, GraphLinker linker) =>
        Adapt(example, linker.Find(example.Question), question, linker.Find(question));

    /// <summary>As <see cref="Adapt(GraphExample, string, GraphLinker)"/>, with both questions' mentions already found.</summary>
    public static AdaptedCypher Adapt(GraphExample example, List<GraphMention> exampleMentions, string question, List<GraphMention> mentions)
    {
        var tokens = CypherLexer.Tokenize(example.Cypher, out _);
        var exampleQuoted = Quoted(example.Question);
        var quoted = Quoted(question);
        var exampleNumbers = GraphLinker.Numbers(example.Question);
        var numbers = GraphLinker.Numbers(question).Where(n => !mentions.Any(m => Overlaps(m.Start, m.Length, n.Start, n.Length)) && !quoted.Any(q => Overlaps(q.Start, q.Length, n.Start, n.Length))).ToList();
        exampleNumbers = exampleNumbers.Where(n => !exampleMentions.Any(m => Overlaps(m.Start, m.Length, n.Start, n.Length)) && !exampleQuoted.Any(q => Overlaps(q.Start, q.Length, n.Start, n.Length))).ToList();

        var usedMentions = new HashSet<GraphMention>();
        var usedQuoted = new HashSet<int>();
        var usedNumbers = new HashSet<int>();
        var replacements = new List<(int Start, int End, string Text)>();
        var trust = 1.0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (token.Kind == CypherTokenKind.String)
            {
                var end = StringEnd(example.Cypher, token.Position);
                var (label, property, propertyToken) = Context(tokens, t);
                var linked = exampleMentions.FirstOrDefault(m => string.Equals(m.Value, token.Text, StringComparison.OrdinalIgnoreCase));
                if (linked is not null)
                {
                    var order = exampleMentions.Where(m => m.HeldBy(null, property ?? m.Property)).ToList().IndexOf(linked);
                    var candidates = mentions.Where(m => !usedMentions.Contains(m) && m.HeldBy(label, property ?? linked.Property)).ToList();
                    if (candidates.Count == 0)
                    {
                        candidates = mentions.Where(m => !usedMentions.Contains(m) && m.HeldBy(null, property ?? linked.Property)).ToList();
                    }

                    // "Who is the head of IT?" against "Who is Daniel Okafor?": a value of another property of the same
                    // label fills the slot, and the query compares that property instead.
                    var rewrite = false;
                    if (candidates.Count == 0 && propertyToken >= 0)
                    {
                        candidates = mentions.Where(m => !usedMentions.Contains(m) && m.HeldBy(label ?? linked.Label, null)).ToList();
                        rewrite = candidates.Count > 0;
                    }

                    var pick = candidates.Count == 0 ? null : candidates[Math.Clamp(order, 0, candidates.Count - 1)];
                    if (pick is null)
                    {
                        trust *= 0.3;
                        continue;
                    }

                    if (rewrite)
                    {
                        var holder = pick.Holders.First(h => h.Label == (label ?? linked.Label));
                        var name = tokens[propertyToken];
                        replacements.Add((name.Position, name.Position + name.Text.Length, holder.Property));
                        trust *= 0.95;
                    }

                    usedMentions.Add(pick);
                    trust *= pick.Exact ? 1.0 : 0.9;
                    replacements.Add((token.Position, end, Literal(pick.Value)));
                    continue;
                }

                var quote = exampleQuoted.FindIndex(q => string.Equals(q.Text, token.Text, StringComparison.OrdinalIgnoreCase));
                if (quote >= 0)
                {
                    var next = Enumerable.Range(0, quoted.Count).FirstOrDefault(i => !usedQuoted.Contains(i), -1);
                    if (next < 0)
                    {
                        trust *= 0.3;
                        continue;
                    }

                    usedQuoted.Add(next);
                    // A quoted value the graph holds is taken as stored (its case); otherwise as typed.
                    var value = mentions.FirstOrDefault(m => Overlaps(m.Start, m.Length, quoted[next].Start, quoted[next].Length));
                    if (value is not null)
                    {
                        usedMentions.Add(value);
                    }

                    replacements.Add((token.Position, end, Literal(value?.Value ?? quoted[next].Text)));
                }
            }
            else if (token.Kind is CypherTokenKind.Integer or CypherTokenKind.Float)
            {
                var value = double.Parse(token.Text, CultureInfo.InvariantCulture);
                var index = exampleNumbers.FindIndex(n => n.Value == value);
                if (index < 0)
                {
                    continue;
                }

                // The n-th number of the example's question becomes the n-th number of this one.
                var ordinal = exampleNumbers.Take(index).Count();
                if (ordinal >= numbers.Count)
                {
                    trust *= 0.4;
                    continue;
                }

                usedNumbers.Add(ordinal);
                var replacement = numbers[ordinal].Value;
                var text = token.Kind == CypherTokenKind.Integer || replacement == Math.Floor(replacement)
                    ? ((long)replacement).ToString(CultureInfo.InvariantCulture)
                    : replacement.ToString(CultureInfo.InvariantCulture);
                replacements.Add((token.Position, NumberEnd(example.Cypher, token.Position), text));
            }
        }

        trust *= Math.Pow(0.5, mentions.Count(m => !usedMentions.Contains(m) && !quoted.Any(q => Overlaps(q.Start, q.Length, m.Start, m.Length))));
        trust *= Math.Pow(0.5, Enumerable.Range(0, quoted.Count).Count(i => !usedQuoted.Contains(i) && !mentions.Any(m => usedMentions.Contains(m) && Overlaps(m.Start, m.Length, quoted[i].Start, quoted[i].Length))));
        trust *= Math.Pow(0.6, numbers.Count - usedNumbers.Count);

        var builder = new StringBuilder(example.Cypher);
        foreach (var (start, end, text) in replacements.OrderByDescending(r => r.Start))
        {
            builder.Remove(start, end - start).Insert(start, text);
        }

        return new AdaptedCypher(builder.ToString(), Math.Clamp(trust, 0, 1), example.Answer);
    }

    /// <summary>A Cypher string literal of <paramref name="value"/>, single-quoted and escaped.</summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static bool Overlaps(int start, int length, int otherStart, int otherLength) => start < otherStart + otherLength && otherStart < start + length;

    // The property (and label, in a node pattern) a string literal is compared with: {name: 'x'}, p.name = 'x', p.name CONTAINS 'x'.
    private static (string? Label, string? Property, int PropertyToken) Context(List<CypherToken> tokens, int at)
    {
        string? property = null;
        if (at >= 2 && tokens[at - 1].IsSymbol(":") && tokens[at - 2].Kind == CypherTokenKind.Identifier)
        {
            property = tokens[at - 2].Text;
            for (var i = at - 3; i >= 0; i--)
            {
                if (tokens[i].IsSymbol("("))
                {
                    return (i + 3 < at && tokens[i + 2].IsSymbol(":") ? tokens[i + 3].Text : i + 2 < at && tokens[i + 1].IsSymbol(":") ? tokens[i + 2].Text : null, property, at - 2);
                }

                if (tokens[i].IsSymbol(")") || tokens[i].IsSymbol("["))
                {
                    break;
                }
            }

            return (null, property, at - 2);
        }

        for (var i = at - 1; i >= 2 && i >= at - 4; i--)
        {
            if (tokens[i - 1].IsSymbol(".") && tokens[i].Kind == CypherTokenKind.Identifier && tokens[i - 2].Kind == CypherTokenKind.Identifier)
            {
                return (null, tokens[i].Text, i);
            }
        }

        return (null, property, -1);
    }

    private static int StringEnd(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(text.Length, i + 1);
    }

    private static int NumberEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' || text[i] == 'e' || text[i] == 'E'))
        {
            i++;
        }

        return i;
    }

    private static List<(int Start, int Length, string Text)> Quoted(string text) =>
        QuotedText().Matches(text).Select(m => (m.Groups[2].Index, m.Groups[2].Length, m.Groups[2].Value)).ToList();

    [GeneratedRegex(@"(?<![\p{L}\d])(['""“‘「])([^'""”’」]{1,80})['""”’」]")]
    private static partial Regex QuotedText();
}
