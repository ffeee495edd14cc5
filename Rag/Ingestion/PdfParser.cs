using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// Parses PDF with PdfPig: one section per page with text ("Page 3"). Words come from PdfPig's nearest-neighbour word
/// extractor, so text laid out without space characters still gets spaces between words; words are grouped into lines
/// by baseline and lines into paragraphs by vertical gap.
/// </summary>
/// <remarks>
/// Title: the document information's title, else the first line of the first page when it is short, else the file name.
/// A file without the PDF header is rejected, and so is one without an end-of-file marker (a truncated download),
/// because PdfPig would otherwise silently recover part of it. Encrypted and text-less (scanned) PDFs are rejected.
/// Stateless and thread-safe.
/// </remarks>
internal sealed class PdfParser : IDocumentParser
{
    private const string Format = "PDF";
    private const int MaxTitleLength = 120;
    private const int MarkerWindow = 4096;

    // Baselines closer than this fraction of the font size are one line; gaps wider than this multiple start a paragraph.
    private const double SameLineTolerance = 0.35;
    private const double ParagraphGap = 1.6;

    private static readonly NearestNeighbourWordExtractor WordExtractor = new(
        new NearestNeighbourWordExtractor.NearestNeighbourWordExtractorOptions { MaxDegreeOfParallelism = 1 });

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    /// <inheritdoc />
    public ParsedDocument Parse(Stream content, string fileName)
    {
        var bytes = ParseFailure.ReadAll(content, fileName, Format);
        if (!Contains(bytes.AsSpan(0, Math.Min(bytes.Length, 1024)), "%PDF-"u8))
        {
            throw ParseFailure.Create(fileName, Format, "the file has no PDF header");
        }

        if (!Contains(bytes.AsSpan(Math.Max(0, bytes.Length - MarkerWindow)), "%%EOF"u8))
        {
            throw ParseFailure.Create(fileName, Format, "the file is truncated (no end-of-file marker)");
        }

        return ParseFailure.Guard(fileName, Format, () => ParseBytes(bytes, fileName));
    }

    private static ParsedDocument ParseBytes(byte[] bytes, string fileName)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, ClipPaths = false });
        }
        catch (PdfDocumentEncryptedException exception)
        {
            throw ParseFailure.Create(fileName, Format, "the PDF is encrypted", exception);
        }

        using (document)
        {
            var sections = new SectionBuilder();
            string? firstLine = null;
            foreach (var page in document.GetPages())
            {
                sections.StartSection(1, $"Page {page.Number}");
                foreach (var paragraph in Paragraphs(page))
                {
                    firstLine ??= paragraph.Split('\n')[0];
                    sections.AddParagraph(paragraph);
                }
            }

            var metadata = ReadMetadata(document);
            var title = TextNormalizer.Flow(document.Information.Title);
            if (title.Length == 0)
            {
                title = firstLine is { Length: > 0 and <= MaxTitleLength } ? TextNormalizer.Flow(firstLine) : Path.GetFileNameWithoutExtension(fileName);
            }

            return new ParsedDocument(title, sections.Build(), metadata);
        }
    }

    private static Dictionary<string, string> ReadMetadata(PdfDocument document)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["pages"] = document.NumberOfPages.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var information = document.Information;
        Add("author", information.Author);
        Add("subject", information.Subject);
        Add("keywords", information.Keywords);
        Add("creator", information.Creator);
        Add("created", information.CreationDate);
        Add("modified", information.ModifiedDate);
        return metadata;

        void Add(string key, string? value)
        {
            var text = TextNormalizer.Flow(value);
            if (text.Length > 0)
            {
                metadata[key] = text;
            }
        }
    }

    // Lines are paragraph-separated by vertical gaps; inside a paragraph, wrapped lines are joined back into flowing text.
    private static IEnumerable<string> Paragraphs(Page page)
    {
        var words = WordExtractor.GetWords(page.Letters)
            .Where(word => !string.IsNullOrWhiteSpace(word.Text) && word.Letters.Count > 0)
            .ToList();
        var lines = new List<Line>();
        foreach (var word in words.OrderByDescending(Baseline).ThenBy(word => word.BoundingBox.Left))
        {
            var size = FontSize(word);
            var line = lines.Count > 0 ? lines[^1] : null;
            if (line is not null && Math.Abs(line.Baseline - Baseline(word)) <= SameLineTolerance * Math.Max(size, line.Size))
            {
                line.Words.Add(word);
                line.Size = Math.Max(line.Size, size);
            }
            else
            {
                lines.Add(new Line(Baseline(word), size, [word]));
            }
        }

        var paragraph = new StringBuilder();
        Line? previous = null;
        foreach (var line in lines)
        {
            var text = line.Words.OrderBy(word => word.BoundingBox.Left).Aggregate(string.Empty, (left, word) => TextNormalizer.Join(left, word.Text));
            if (previous is not null && previous.Baseline - line.Baseline > ParagraphGap * Math.Max(previous.Size, line.Size))
            {
                yield return paragraph.ToString();
                paragraph.Clear();
            }

            AppendLine(paragraph, text);
            previous = line;
        }

        if (paragraph.Length > 0)
        {
            yield return paragraph.ToString();
        }
    }

    // Joins a wrapped line to its paragraph, undoing a hyphen that split a word across the break.
    private static void AppendLine(StringBuilder paragraph, string line)
    {
        if (paragraph.Length == 0)
        {
            paragraph.Append(line);
            return;
        }

        var hyphenated = paragraph.Length >= 2 && paragraph[^1] == '-' && char.IsLetter(paragraph[^2]) && line.Length > 0 && char.IsLower(line[0]);
        if (hyphenated)
        {
            paragraph.Length--;
            paragraph.Append(line);
            return;
        }

        var joined = TextNormalizer.Join(paragraph[^1].ToString(), line);
        paragraph.Append(joined.AsSpan(1));
    }

    private static double Baseline(Word word) => word.Letters[0].StartBaseLine.Y;

    private static double FontSize(Word word)
    {
        var size = word.Letters[0].PointSize;
        return size > 0 ? size : Math.Max(word.BoundingBox.Height, 1);
    }

    private static bool Contains(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle) >= 0;

    private sealed class Line(double baseline, double size, List<Word> words)
    {
        public double Baseline { get; } = baseline;

        public double Size { get; set; } = size;

        public List<Word> Words { get; } = words;
    }
}
