using System.Collections.Frozen;

namespace Assistant.Rag.Query;

/// <summary>
/// English and Chinese stop words and question fillers, from lists shipped in this assembly (Query/Data).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public static class StopWords
{
    private static readonly FrozenSet<string> English = Load("stopwords-en.txt");
    private static readonly FrozenSet<string> Chinese = Load("stopwords-zh.txt");

    /// <summary>The Chinese entries of two or more characters, longest first: fillers that can be cut out of unsegmented text.</summary>
    internal static IReadOnlyList<string> ChineseMultiCharacter { get; } = [.. Chinese.Where(w => w.Length > 1).OrderByDescending(w => w.Length)];

    /// <summary>True when <paramref name="term"/> (lower case) carries no meaning for search.</summary>
    public static bool IsStopWord(string term) => English.Contains(term) || Chinese.Contains(term);

    private static FrozenSet<string> Load(string name)
    {
        var resource = $"Assistant.Rag.Query.Data.{name}";
        using var stream = typeof(StopWords).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The stop-word list '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
