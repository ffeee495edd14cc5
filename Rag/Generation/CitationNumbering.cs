using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Generation;

/// <summary>
/// Turns a draft's source-position markers into the user's citation numbers: numbered 1, 2, … in order of first
/// appearance, one number per document (two passages of one document are one source to a reader), markers pointing
/// at no source removed, "[1, 3]" written as "[1][3]". After this, every marker in the text has a citation and every
/// citation is referred to in the text.
/// </summary>
public static partial class CitationNumbering
{
    private const int SnippetChars = 300;

    /// <summary>Renumbers <paramref name="draft"/>; returns the final text and its citations.</summary>
    public static (string Text, IReadOnlyList<Citation> Citations) Apply(AnswerDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var cited = new List<List<Passage>>();
        var text = Markers().Replace(draft.Text, match =>
        {
            var result = string.Empty;
            foreach (var part in match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1 || position > draft.Sources.Count)
                {
                    continue;
                }

                var passage = draft.Sources[position - 1];
                if (!numbers.TryGetValue(passage.DocumentId, out var number))
                {
                    number = numbers.Count + 1;
                    numbers[passage.DocumentId] = number;
                    cited.Add([]);
                }

                if (!cited[number - 1].Contains(passage))
                {
                    cited[number - 1].Add(passage);
                }

                var marker = $"[{number}]";
                if (!result.Contains(marker, StringComparison.Ordinal))
                {
                    result += marker;
                }
            }

            return result;
        });

        text = SpaceBeforePunctuation().Replace(text, "$1").Trim();
        var citations = cited.Select((passages, i) =>
        {
            var first = passages[0];
            return new Citation(i + 1, first.Title, first.Url, Snippet(first.Text), first.DocumentId, first.Id, [.. passages.SelectMany(p => p.ChunkIds).Distinct()]);
        }).ToList();
        return (text, citations);
    }

    /// <summary>A readable excerpt of at most about 300 characters, cut at a word boundary.</summary>
    public static string Snippet(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = Whitespace().Replace(text, " ").Trim();
        if (flat.Length <= SnippetChars)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', SnippetChars - 1);
        return (cut > SnippetChars / 2 ? flat[..cut] : flat[..SnippetChars]) + "…";
    }

    [GeneratedRegex(@"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")]
    private static partial Regex Markers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[ \t]+([.,;:!?。，；：！？])")]
    private static partial Regex SpaceBeforePunctuation();
}
