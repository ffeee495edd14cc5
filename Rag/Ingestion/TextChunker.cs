using System.Security.Cryptography;
using System.Text;
using Assistant.Rag.Embeddings;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// Cuts documents into token-bounded chunks on sentence boundaries, with whole-sentence overlap, so that every
/// sentence that fits a chunk is whole in at least one chunk.
/// </summary>
/// <remarks>Thread-safe if the token counter is.</remarks>
public sealed class TextChunker
{
    private const int SpecialTokens = 2;
    private const int MinTextTokens = 96;
    private const int MaxPrefixTokens = 48;
    private readonly ITokenCounter _tokens;
    private readonly ChunkingOptions _options;

    public TextChunker(ITokenCounter tokens, ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        _tokens = tokens;
        _options = options;
    }

    /// <summary>Cuts <paramref name="document"/>; sections without text are skipped.</summary>
    public ChunkedDocument Chunk(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Build(document, Plan(document), FixedGroups);
    }

    /// <summary>SHA-256 over the document's title and sections: what decides whether it changed since the last ingest.</summary>
    public static string ContentHashOf(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Hash(document.Title + "\u0001" + string.Join("\u0002", document.Sections.Select(s => s.Heading + "\u0001" + s.Text)));
    }

    /// <summary>The sections that have text, in order, each with its sentence units (character span, tokens) and its token budget.</summary>
    internal IReadOnlyList<SectionPlan> Plan(SourceDocument document)
    {
        var plans = new List<SectionPlan>();
        foreach (var section in document.Sections)
        {
            if (string.IsNullOrWhiteSpace(section.Text))
            {
                continue;
            }

            var prefix = Prefix(document.Title, section.Heading);
            var budget = Math.Max(MinTextTokens, _options.ChunkTokens - SpecialTokens - Math.Min(MaxPrefixTokens, _tokens.CountTokens(prefix)));
            plans.Add(new SectionPlan(section, prefix, budget, Units(section.Text, budget)));
        }

        return plans;
    }

    /// <summary>
    /// Cuts the planned sections into chunks: <paramref name="group"/> turns a section's units into chunks, each a run of units
    /// (first, last), in order.
    /// </summary>
    internal ChunkedDocument Build(SourceDocument document, IReadOnlyList<SectionPlan> plans, Func<SectionPlan, IEnumerable<(int First, int Last)>> group)
    {
        var contentHash = ContentHashOf(document);
        var version = document.Version ?? contentHash[..16];
        var acl = Access.Principals.Normalize(document.Acl);
        var sections = new List<ChunkedSection>();
        var pieces = new List<ChunkedPiece>();

        foreach (var plan in plans)
        {
            var section = plan.Section;
            var sectionId = $"{document.Id}#{sections.Count}";
            sections.Add(new ChunkedSection(sectionId, document.Id, sections.Count, section.Heading, section.Text));
            var ordinal = 0;
            foreach (var (first, last) in group(plan))
            {
                var start = plan.Units[first].Start;
                var end = plan.Units[last].End;
                var text = section.Text[start..end];
                var embeddingText = plan.Prefix.Length == 0 ? text : plan.Prefix + "\n" + text;
                var chunk = new Chunk(
                    Id: $"{sectionId}.{ordinal}",
                    DocumentId: document.Id,
                    ParentId: sectionId,
                    Ordinal: ordinal,
                    Title: document.Title,
                    Url: document.Url,
                    Heading: section.Heading,
                    Text: text,
                    Language: LanguageDetector.Detect(text),
                    TokenCount: _tokens.CountTokens(text),
                    ContentHash: Hash(embeddingText),
                    DocumentVersion: version,
                    Acl: acl);
                pieces.Add(new ChunkedPiece(chunk, start, end, embeddingText));
                ordinal++;
            }
        }

        return new ChunkedDocument(document, version, contentHash, sections, pieces);
    }

    /// <summary>Unit indices that overlapping fixed-size chunks step back to: the start of the next chunk after (first, last).</summary>
    internal int OverlapStart(IReadOnlyList<TextUnit> units, int first, int last, int budget)
    {
        // Step back over whole sentences that fit the overlap, but always move forward.
        var overlap = (int)(budget * _options.Overlap);
        var next = last + 1;
        var carried = 0;
        while (next - 1 > first && carried + units[next - 1].Tokens <= overlap)
        {
            next--;
            carried += units[next].Tokens;
        }

        return next;
    }

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Prefix(string title, string heading) =>
        string.IsNullOrWhiteSpace(heading) || heading == title ? title.Trim()
        : string.IsNullOrWhiteSpace(title) ? heading.Trim()
        : $"{title.Trim()} › {heading.Trim()}";

    private List<TextUnit> Units(string text, int budget)
    {
        var units = new List<TextUnit>();
        foreach (var range in SentenceSplitter.Split(text))
        {
            var (offset, length) = range.GetOffsetAndLength(text.Length);
            var tokens = _tokens.CountTokens(text.Substring(offset, length));
            if (tokens <= budget)
            {
                units.Add(new TextUnit(offset, offset + length, tokens));
            }
            else
            {
                units.AddRange(SplitLongSentence(text, offset, offset + length, tokens, budget).Select(u => new TextUnit(u.Start, u.End, u.Tokens)));
            }
        }

        return units;
    }

    private IEnumerable<(int First, int Last)> FixedGroups(SectionPlan plan)
    {
        var units = plan.Units;
        var first = 0;
        while (first < units.Count)
        {
            var last = first;
            var used = units[first].Tokens;
            while (last + 1 < units.Count && used + units[last + 1].Tokens <= plan.Budget)
            {
                last++;
                used += units[last].Tokens;
            }

            yield return (first, last);
            if (last + 1 >= units.Count)
            {
                yield break;
            }

            first = OverlapStart(units, first, last, plan.Budget);
        }
    }

    private static IEnumerable<(int Start, int End, int Tokens)> SplitLongSentence(string text, int start, int end, int tokens, int budget)
    {
        // A sentence longer than a chunk cannot be whole anywhere; cut it at spaces (or anywhere, for CJK)
        // into pieces of about the budget, estimating tokens from its average characters per token.
        var charsPerPiece = Math.Max(1, (int)((end - start) * (budget * 0.9) / tokens));
        var position = start;
        while (position < end)
        {
            var cut = Math.Min(end, position + charsPerPiece);
            if (cut < end)
            {
                var space = text.LastIndexOf(' ', cut - 1, cut - position);
                if (space > position)
                {
                    cut = space;
                }
            }

            var pieceTokens = (int)Math.Ceiling((double)tokens * (cut - position) / (end - start));
            yield return (position, cut, Math.Min(budget, pieceTokens));
            position = cut;
            while (position < end && text[position] == ' ')
            {
                position++;
            }
        }
    }
}
