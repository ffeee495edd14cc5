using System.Text;

namespace Assistant.Rag.Graph;

/// <summary>Case- and accent-insensitive folding that keeps positions (one char in, one char out), and word helpers.</summary>
internal static class GraphText
{
    // Folding and word boundaries are the SQL route's (one implementation for both value linkers).
    public static string Fold(string text) => Sql.TextFold.Fold(text);

    public static bool IsCjk(char c) => Sql.TextFold.IsCjk(c);

    public static bool HasCjk(string text) => Sql.TextFold.HasCjk(text);

    public static bool AtWordBoundary(string text, int start, int length) => Sql.TextFold.AtWordBoundary(text, start, length);

    /// <summary>Lower-case words of <paramref name="text"/> (letters and digits), crudely singular ("movies" → "movie").</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in Fold(text) + " ")
        {
            if (char.IsLetterOrDigit(c) && !IsCjk(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(Stem(current.ToString()));
                current.Clear();
            }
        }

        return words;
    }

    /// <summary>A crude English stem: enough to make "reports", "reported" and "report" one word.</summary>
    public static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }

        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    /// <summary>Character bigrams of the letters and digits (how Chinese questions are compared).</summary>
    public static HashSet<string> Bigrams(string text)
    {
        var folded = new string(Fold(text).Where(char.IsLetterOrDigit).ToArray());
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < folded.Length; i++)
        {
            set.Add(folded.Substring(i, 2));
        }

        return set;
    }

    /// <summary>Levenshtein distance, stopping early once it exceeds <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                best = Math.Min(best, current[j]);
            }

            if (best > max)
            {
                return max + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
