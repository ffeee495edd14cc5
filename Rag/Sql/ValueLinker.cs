namespace Assistant.Rag.Sql;

/// <summary>
/// Finds the database values a question names: the distinct values of low-cardinality text columns and the semantic
/// file's aliases, matched case- and accent-insensitively, with plurals and one-letter typos for longer words.
/// Thread-safe (immutable).
/// </summary>
internal sealed class ValueLinker
{
    private readonly List<(string Phrase, string Column, string Value, bool Alias, int Distinct)> _phrases;

    public ValueLinker(DatabaseSchema schema, SemanticModel semantic, SqlExposure exposure)
    {
        _phrases = [];
        foreach (var table in schema.Tables.Where(t => exposure.IsTable(t.Name)))
        {
            foreach (var column in table.Columns.Where(c => exposure.Allows(table.Name, c.Name)))
            {
                foreach (var value in column.Values.Where(v => v.Trim().Length >= 1 && v.Length <= 60))
                {
                    _phrases.Add((TextFold.Fold(value.Trim()), table.Name + "." + column.Name, value, false, column.Values.Count));
                }
            }
        }

        foreach (var alias in semantic.Aliases)
        {
            _phrases.Add((TextFold.Fold(alias.Phrase), alias.Column, alias.Value, true, int.MaxValue));
        }

        // Longest first, so "Service Desk" wins over "Desk" and "network team" over "Network". Words several columns hold
        // ("Security": a team and a department) name first the column that tells most values apart (teams.name), the
        // others go in the mention's Also; the order is total, so the same data always links the same way (an unstable
        // sort made "Security" a department on some data and a team on other).
        _phrases = [.. _phrases.OrderByDescending(p => p.Phrase.Length).ThenByDescending(p => p.Distinct).ThenBy(p => p.Column, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)];
    }

    /// <summary>The values <paramref name="text"/> names, non-overlapping, in text order.</summary>
    public List<ValueMention> Find(string text)
    {
        var folded = TextFold.Fold(text);
        var taken = new bool[folded.Length];
        var found = new List<ValueMention>();
        foreach (var (phrase, column, value, _, _) in _phrases)
        {
            if (phrase.Length == 1 && !TextFold.HasCjk(phrase))
            {
                continue; // a lone letter ("F", "M") would match everywhere.
            }

            foreach (var (start, length) in Occurrences(folded, phrase))
            {
                if (Enumerable.Range(start, length).Any(i => taken[i]))
                {
                    // The same words already name this value of another column: one mention, several columns.
                    var same = found.FindIndex(f => f.Start == start && f.Length == length && string.Equals(f.Value, value, StringComparison.OrdinalIgnoreCase) && f.Column != column);
                    if (same >= 0 && !found[same].Also.Contains(column, StringComparer.Ordinal))
                    {
                        found[same] = found[same] with { Also = [.. found[same].Also, column] };
                    }

                    continue;
                }

                if (found.Any(f => f.Column == column && string.Equals(f.Value, value, StringComparison.Ordinal)))
                {
                    continue;
                }

                for (var i = start; i < start + length; i++)
                {
                    taken[i] = true;
                }

                found.Add(new ValueMention(column, value, start, length));
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>The columns whose values include <paramref name="value"/> (to place a literal whose column the SQL hides behind an alias).</summary>
    public IEnumerable<string> ColumnsOf(string value) =>
        _phrases.Where(p => !p.Alias && string.Equals(p.Value, value, StringComparison.Ordinal)).Select(p => p.Column).Distinct(StringComparer.Ordinal);

    private static IEnumerable<(int Start, int Length)> Occurrences(string text, string phrase)
    {
        var cjk = TextFold.HasCjk(phrase);
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            if (cjk || TextFold.AtWordBoundary(text, at, phrase.Length))
            {
                yield return (at, phrase.Length);
            }
            else if (TextFold.AtWordBoundary(text, at, phrase.Length + 1) && at + phrase.Length < text.Length && text[at + phrase.Length] == 's')
            {
                yield return (at, phrase.Length + 1); // plural: "cats" names 'cat'.
            }
            else if (at + phrase.Length + 1 < text.Length && text.Substring(at + phrase.Length, 2) == "es" && TextFold.AtWordBoundary(text, at, phrase.Length + 2))
            {
                yield return (at, phrase.Length + 2);
            }
        }

        if (cjk || phrase.Length < 5 || phrase.Contains(' ', StringComparison.Ordinal))
        {
            yield break;
        }

        // One-letter typos of single longer words ("Shangai", "Berlim").
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || !char.IsLetterOrDigit(text[i]))
            {
                var length = i - start;
                if (length >= 5 && Math.Abs(length - phrase.Length) <= 1 && OneEditApart(text.AsSpan(start, length), phrase))
                {
                    yield return (start, length);
                }

                start = i + 1;
            }
        }
    }

    private static bool OneEditApart(ReadOnlySpan<char> a, string b)
    {
        if (a.SequenceEqual(b))
        {
            return false; // exact matches were found above.
        }

        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
            {
                return false;
            }

            if (a.Length > b.Length)
            {
                i++;
            }
            else if (a.Length < b.Length)
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }
}
