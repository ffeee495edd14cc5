using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Rag.Sql;

/// <summary>
/// Adapts a stored example to a new question: the values, numbers and period the question names replace the example's
/// literals that play the same part (same column; same place among the numbers; the period's bounds). Whatever the
/// question names that the query would ignore, or the example constrained that the question no longer says, lowers the
/// trust, so the route declines rather than answering another question.
/// </summary>
internal static partial class ExampleAdapter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "where", "join", "on", "group", "order", "limit", "inner", "left", "right", "outer", "cross", "natural", "union", "except", "intersect", "select", "having", "as", "and", "or",
    };

    public static AdaptedQuery Adapt(SqlExample example, string question, DateOnly today, ValueLinker linker, DatabaseSchema schema)
    {
        var trust = 1.0;
        // Numbers are matched as numbers below, even when a text column holds them ("2014" in concert.Year).
        var exampleMentions = linker.Find(example.Question).Where(m => !IsNumeric(m.Value)).ToList();
        var mentions = linker.Find(question).Where(m => !IsNumeric(m.Value)).ToList();
        var examplePeriod = PeriodParser.Find(example.Question, today);
        var period = PeriodParser.Find(question, today);
        var tokens = SqlText.Tokens(example.Query);
        var aliases = Aliases(tokens, schema);
        var replacements = new List<(string From, string To)>();
        var used = new bool[mentions.Count];
        var edits = new List<(int Start, int End, string Text)>();
        var periodUsed = false;

        // Periods: the example's bounds become the question's.
        var dateLiterals = tokens.Where(t => t.Kind == SqlTokenKind.String && IsoDate().IsMatch(t.StringValue)).ToList();
        if (examplePeriod is not null && period is not null && dateLiterals.Count > 0)
        {
            foreach (var literal in dateLiterals)
            {
                var value = DateOnly.ParseExact(literal.StringValue[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var to = value == examplePeriod.Start ? period.Start : value == examplePeriod.End ? period.End : (DateOnly?)null;
                if (to is { } date)
                {
                    edits.Add((literal.Start, literal.End, SqlText.Literal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + literal.StringValue[10..])));
                    periodUsed = true;
                }
            }

            if (periodUsed)
            {
                replacements.Add((Describe(example.Question, examplePeriod), Describe(question, period)));
            }
        }
        else if (examplePeriod is not null && dateLiterals.Count > 0)
        {
            trust *= 0.4; // the example reads one period; the question names none.
        }

        // Values: a literal keeps its place when the question names it, else takes the question's value of its column.
        foreach (var literal in tokens.Where(t => t.Kind == SqlTokenKind.String && !IsoDate().IsMatch(t.StringValue)))
        {
            var value = literal.StringValue;
            if (value.Contains('%', StringComparison.Ordinal))
            {
                var inner = value.Trim('%');
                var quoted = Quoted(question);
                if (quoted is not null && !string.Equals(quoted, inner, StringComparison.Ordinal) && Quoted(example.Question) is not null)
                {
                    edits.Add((literal.Start, literal.End, SqlText.Literal(value.Replace(inner, quoted, StringComparison.Ordinal))));
                    replacements.Add((inner, quoted));
                    MarkUsed(mentions, used, quoted);
                }
                else if (quoted is not null && string.Equals(quoted, inner, StringComparison.Ordinal))
                {
                    MarkUsed(mentions, used, quoted);
                }
                else if (!question.Contains(inner, StringComparison.OrdinalIgnoreCase))
                {
                    trust *= 0.7;
                }

                continue;
            }

            var columns = ColumnOf(tokens, literal, aliases, schema) is { } known ? [known] : linker.ColumnsOf(value).ToList();

            // Several values of one column ("a dog but not a cat"): the i-th the example named is the i-th the question names.
            var exampleOrder = exampleMentions.Where(m => m.In(columns)).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
            var order = mentions.Where(m => m.In(columns)).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
            var rank = exampleOrder.IndexOf(value);
            if (rank >= 0 && exampleOrder.Count > 1 && order.Count == exampleOrder.Count)
            {
                var target = order[rank];
                MarkUsed(mentions, used, target);
                if (target != value)
                {
                    edits.Add((literal.Start, literal.End, SqlText.Literal(target)));
                    replacements.Add((value, target));
                }

                continue;
            }

            var same = Index(mentions, used, m => m.In(columns) && m.Value == value);
            if (same >= 0)
            {
                used[same] = true;
                continue;
            }

            var other = Index(mentions, used, m => m.In(columns));
            if (other >= 0)
            {
                used[other] = true;
                edits.Add((literal.Start, literal.End, SqlText.Literal(mentions[other].Value)));
                replacements.Add((value, mentions[other].Value));
            }
            else if (exampleMentions.Any(m => m.Value == value))
            {
                trust *= 0.85; // the example named this value; the question does not (it may say it another way).
            }
        }

        // Numbers: the i-th number of the example question is the i-th of this one.
        var exampleNumbers = Numbers(example.Question, exampleMentions, periodUsed ? examplePeriod : null);
        var numbers = Numbers(question, mentions, periodUsed ? period : null);
        var numbersUsed = new bool[numbers.Count];
        foreach (var literal in tokens.Where(t => t.Kind == SqlTokenKind.Number))
        {
            var at = exampleNumbers.IndexOf(literal.Text);
            if (at < 0)
            {
                continue;
            }

            if (numbers.Count != exampleNumbers.Count)
            {
                trust *= 0.5;
                continue;
            }

            numbersUsed[at] = true;
            if (numbers[at] != literal.Text)
            {
                edits.Add((literal.Start, literal.End, numbers[at]));
                replacements.Add((literal.Text, numbers[at]));
            }
        }

        for (var i = 0; i < numbers.Count; i++)
        {
            if (!numbersUsed[i] && !exampleNumbers.Contains(numbers[i]))
            {
                trust *= 0.5; // a number the query would ignore.
            }
        }

        if (period is not null && !periodUsed && !Regex.IsMatch(question.Substring(period.At, period.Length), @"\d"))
        {
            trust *= 0.4; // "last month" with a query that reads no period.
        }

        for (var i = 0; i < mentions.Count; i++)
        {
            if (!used[i] && !tokens.Any(t => t.Kind == SqlTokenKind.String && t.StringValue == mentions[i].Value)
                && !exampleMentions.Any(m => mentions[i].Names(m.Column, m.Value) || m.Names(mentions[i].Column, mentions[i].Value)))
            {
                trust *= 0.6; // a value the query would ignore.
            }
        }

        // Schema words: a column or table the question names that neither the query nor the example question mentions.
        var queryWords = tokens.Where(t => t.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
            .SelectMany(t => t.Text.Trim('"', '[', ']', '`').Split('_')).Select(WordStem).ToHashSet(StringComparer.Ordinal);
        var exampleWords = Words(example.Question).ToHashSet(StringComparer.Ordinal);
        foreach (var word in Words(question).Distinct(StringComparer.Ordinal))
        {
            if (SchemaWords(schema).Contains(word) && !queryWords.Contains(word) && !exampleWords.Contains(word))
            {
                trust *= 0.85;
            }
        }

        var sql = new StringBuilder(example.Query);
        foreach (var (start, end, text) in edits.OrderByDescending(e => e.Start))
        {
            sql.Remove(start, end - start).Insert(start, text);
        }

        var answer = example.Answer;
        if (answer is not null)
        {
            foreach (var (from, to) in replacements.Where(r => r.From.Length > 0))
            {
                answer = answer.Replace(from, to, StringComparison.Ordinal);
            }
        }

        return new AdaptedQuery(sql.ToString(), trust, answer);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DatabaseSchema, HashSet<string>> SchemaWordCache = [];

    private static HashSet<string> SchemaWords(DatabaseSchema schema) => SchemaWordCache.GetValue(schema, s =>
        s.Tables.SelectMany(t => t.Columns.Select(c => c.Name).Append(t.Name)).SelectMany(n => n.Split('_')).Where(w => w.Length > 2)
            .Select(WordStem).ToHashSet(StringComparer.Ordinal));

    /// <summary>Lower-cased words of a question, crudely stemmed (plural s, -es, -ies).</summary>
    internal static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(TextFold.Fold(text)).Select(m => WordStem(m.Value));

    internal static string WordStem(string word)
    {
        word = word.ToLowerInvariant();
        return word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
            : word.Length > 4 && word.EndsWith("ses", StringComparison.Ordinal) ? word[..^2]
            : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
            : word;
    }

    private static bool IsNumeric(string value) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"[a-z][a-z0-9]+")]
    private static partial Regex WordPattern();

    private static void MarkUsed(List<ValueMention> mentions, bool[] used, string value)
    {
        for (var i = 0; i < mentions.Count; i++)
        {
            if (string.Equals(mentions[i].Value, value, StringComparison.OrdinalIgnoreCase))
            {
                used[i] = true;
            }
        }
    }

    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static int Index(List<ValueMention> mentions, bool[] used, Func<ValueMention, bool> match)
    {
        for (var i = 0; i < mentions.Count; i++)
        {
            if (!used[i] && match(mentions[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, string> Aliases(List<SqlToken> tokens, DatabaseSchema schema)
    {
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Identifier(tokens[i]) is not { } name || schema.Table(name) is not { } table)
            {
                continue;
            }

            aliases[name] = table.Name;
            var next = i + 1 < tokens.Count && tokens[i + 1].Text.Equals("as", StringComparison.OrdinalIgnoreCase) ? i + 2 : i + 1;
            if (next < tokens.Count && Identifier(tokens[next]) is { } alias && !Keywords.Contains(alias) && schema.Table(alias) is null)
            {
                aliases[alias] = table.Name;
            }
        }

        return aliases;
    }

    private static string? ColumnOf(List<SqlToken> tokens, SqlToken literal, Dictionary<string, string> aliases, DatabaseSchema schema)
    {
        var k = tokens.IndexOf(literal);
        var i = k - 1;
        // Inside IN ( … ): walk back to the parenthesis.
        while (i >= 0 && (tokens[i].Kind == SqlTokenKind.String || tokens[i].Text == ","))
        {
            i--;
        }

        if (i >= 0 && tokens[i].Text == "(")
        {
            i--;
        }

        while (i >= 0 && (tokens[i].Kind == SqlTokenKind.Symbol && tokens[i].Text is "=" or "<" or ">" or "!" || tokens[i].Text.Equals("in", StringComparison.OrdinalIgnoreCase)
            || tokens[i].Text.Equals("like", StringComparison.OrdinalIgnoreCase) || tokens[i].Text.Equals("not", StringComparison.OrdinalIgnoreCase)))
        {
            i--;
        }

        if (i < 0 || Identifier(tokens[i]) is not { } column)
        {
            return null;
        }

        if (i >= 2 && tokens[i - 1].Text == "." && Identifier(tokens[i - 2]) is { } qualifier && aliases.TryGetValue(qualifier, out var qualified))
        {
            return schema.Table(qualified)?.Column(column) is { } c ? qualified + "." + c.Name : null;
        }

        var owners = aliases.Values.Distinct(StringComparer.OrdinalIgnoreCase).Where(t => schema.Table(t)?.Column(column) is not null).ToList();
        return owners.Count == 1 ? owners[0] + "." + schema.Table(owners[0])!.Column(column)!.Name : null;
    }

    private static string? Identifier(SqlToken token) => token.Kind switch
    {
        SqlTokenKind.Word => token.Text,
        SqlTokenKind.QuotedIdentifier => token.Text[1..^1],
        _ => null,
    };

    private static List<string> Numbers(string text, List<ValueMention> mentions, Period? period) =>
        Number().Matches(text)
            .Where(m => !mentions.Any(v => m.Index < v.Start + v.Length && v.Start < m.Index + m.Length))
            .Where(m => period is null || m.Index >= period.At + period.Length || m.Index + m.Length <= period.At)
            .Select(m => Array.IndexOf(NumberWords, m.Value.ToLowerInvariant()) is var w and >= 0 ? w.ToString(CultureInfo.InvariantCulture) : m.Value)
            .ToList();

    private static string? Quoted(string text) => QuotedText().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    private static string Describe(string text, Period period)
    {
        var said = text.Substring(period.At, period.Length).Trim();
        foreach (var prefix in new[] { "in ", "since ", "during ", "from " })
        {
            if (said.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                said = said[prefix.Length..];
            }
        }

        return said;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])\d+(?:\.\d+)?(?![A-Za-z0-9_])|(?i)\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")]
    private static partial Regex Number();

    [GeneratedRegex(@"['""‘“]([^'""’”]{1,60})['""’”]")]
    private static partial Regex QuotedText();
}
