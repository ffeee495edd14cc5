using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// Parses Word documents (.docx) with DocumentFormat.OpenXml. Paragraphs styled Heading 1–3 (or with outline level
/// 0–2) start sections; numbered and bulleted paragraphs become "- " items; tables become readable text.
/// </summary>
/// <remarks>
/// Title: the core properties' title, else the first paragraph styled Title, else the first heading, else the file
/// name. A Title-styled paragraph is not repeated as text. Metadata: creator, subject, keywords, description and
/// dates from the core properties. Stateless and thread-safe.
/// </remarks>
internal sealed class DocxParser : IDocumentParser
{
    private const string Format = "DOCX";
    private const int MaxDepth = 64;

    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    /// <inheritdoc />
    public ParsedDocument Parse(Stream content, string fileName)
    {
        var bytes = ParseFailure.ReadAll(content, fileName, Format);

        // Every DOCX is a zip archive; anything else is rejected before the packaging code sees it. Word saves
        // password-protected documents, like legacy .doc files, as OLE compound files instead.
        if (bytes.AsSpan().StartsWith(OleSignature))
        {
            throw ParseFailure.Create(fileName, Format, "the file is password-protected or a legacy Word (.doc) file");
        }

        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K')
        {
            throw ParseFailure.Create(fileName, Format, "the file is not a DOCX (zip) package");
        }

        return ParseFailure.Guard(fileName, Format, () => ParseBytes(bytes, fileName));
    }

    private static ParsedDocument ParseBytes(byte[] bytes, string fileName)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = WordprocessingDocument.Open(stream, false);
        var mainPart = document.MainDocumentPart;
        var body = mainPart?.Document?.Body
            ?? throw ParseFailure.Create(fileName, Format, "the package has no document body");

        var styles = StyleNames(mainPart);
        var walker = new Walker(styles);
        walker.Visit(body, 0);

        var metadata = ReadMetadata(document);
        var title = TextNormalizer.Flow(document.PackageProperties.Title);
        if (title.Length == 0)
        {
            title = walker.TitleParagraph ?? walker.FirstHeading ?? Path.GetFileNameWithoutExtension(fileName);
        }

        return new ParsedDocument(title, walker.Build(), metadata);
    }

    // Style id → style name ("Heading1" → "heading 1"); localised Word versions use other ids but keep the names.
    private static Dictionary<string, string> StyleNames(MainDocumentPart mainPart)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var styles = mainPart.StyleDefinitionsPart?.Styles;
        if (styles is null)
        {
            return names;
        }

        foreach (var style in styles.Elements<Style>())
        {
            var id = style.StyleId?.Value;
            var name = style.StyleName?.Val?.Value;
            if (id is not null && name is not null)
            {
                names[id] = name;
            }
        }

        return names;
    }

    private static Dictionary<string, string> ReadMetadata(WordprocessingDocument document)
    {
        var properties = document.PackageProperties;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Add("author", properties.Creator);
        Add("subject", properties.Subject);
        Add("keywords", properties.Keywords);
        Add("description", properties.Description);
        Add("category", properties.Category);
        Add("created", properties.Created?.ToString("O", CultureInfo.InvariantCulture));
        Add("modified", properties.Modified?.ToString("O", CultureInfo.InvariantCulture));
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

    private sealed class Walker(Dictionary<string, string> styleNames)
    {
        private readonly SectionBuilder _sections = new();
        private readonly List<string> _listItems = [];

        public string? TitleParagraph { get; private set; }

        public string? FirstHeading { get; private set; }

        public IReadOnlyList<DocumentSection> Build()
        {
            EndList();
            return _sections.Build();
        }

        public void Visit(OpenXmlElement element, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new InsufficientExecutionStackException();
            }

            foreach (var child in element.ChildElements)
            {
                switch (child)
                {
                    case Paragraph paragraph:
                        AddParagraph(paragraph);
                        break;
                    case Table table:
                        EndList();
                        _sections.AddParagraph(TableText(table, depth));
                        break;
                    case SdtBlock or CustomXmlBlock or SdtContentBlock:
                        Visit(child, depth + 1);
                        break;
                }
            }
        }

        private void AddParagraph(Paragraph paragraph)
        {
            var text = ParagraphText(paragraph);
            if (text.Length == 0)
            {
                return;
            }

            var properties = paragraph.ParagraphProperties;
            var styleId = properties?.ParagraphStyleId?.Val?.Value;
            var styleName = styleId is not null && styleNames.TryGetValue(styleId, out var name) ? name : styleId ?? string.Empty;
            var isListItem = properties?.NumberingProperties is not null || styleName.StartsWith("List", StringComparison.OrdinalIgnoreCase);
            if (isListItem)
            {
                _listItems.Add("- " + text);
                return;
            }

            EndList();
            if (IsTitleStyle(styleName))
            {
                TitleParagraph ??= TextNormalizer.Flow(text);
                return;
            }

            var level = HeadingLevel(styleName) ?? (properties?.OutlineLevel?.Val?.Value is int outline ? outline + 1 : null);
            if (level is >= 1 and <= 3)
            {
                FirstHeading ??= TextNormalizer.Flow(text);
                _sections.StartSection(level.Value, text);
                return;
            }

            _sections.AddParagraph(text);
        }

        // Consecutive list items form one paragraph, one item per line, as in the Markdown and HTML output.
        private void EndList()
        {
            if (_listItems.Count > 0)
            {
                _sections.AddParagraph(string.Join("\n", _listItems));
                _listItems.Clear();
            }
        }

        private static bool IsTitleStyle(string styleName) => styleName.Equals("Title", StringComparison.OrdinalIgnoreCase);

        // "heading 2" / "Heading2" → 2; levels beyond 3 are body text.
        private static int? HeadingLevel(string styleName)
        {
            var compact = styleName.Replace(" ", string.Empty, StringComparison.Ordinal);
            return compact.StartsWith("heading", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(compact.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                ? level
                : null;
        }

        private string TableText(Table table, int depth)
        {
            var rows = new List<IReadOnlyList<string>>();
            IReadOnlyList<string>? header = null;
            foreach (var row in table.Elements<TableRow>())
            {
                var cells = row.Elements<TableCell>()
                    .Select(cell => TextNormalizer.Flow(string.Join(" ", cell.Elements<Paragraph>().Select(ParagraphText))))
                    .ToArray();
                var isHeader = row.TableRowProperties?.GetFirstChild<TableHeader>() is not null;
                if (isHeader && header is null && rows.Count == 0)
                {
                    header = cells;
                }
                else
                {
                    rows.Add(cells);
                }

                // Nested tables are rare; their text is kept as plain paragraphs.
                foreach (var nested in row.Elements<TableCell>().SelectMany(cell => cell.Elements<Table>()))
                {
                    if (depth < MaxDepth)
                    {
                        rows.Add([TableText(nested, depth + 1)]);
                    }
                }
            }

            // Without a marked header row, a first row of bold cells or of short labels is the usual header.
            if (header is null && rows.Count > 1 && LooksLikeHeader(table))
            {
                header = rows[0];
                rows.RemoveAt(0);
            }

            return TableFormatter.Format(header, rows);
        }

        private static bool LooksLikeHeader(Table table)
        {
            var first = table.Elements<TableRow>().FirstOrDefault();
            var runs = first?.Descendants<Run>().Where(run => run.InnerText.Trim().Length > 0).ToList();
            return runs is { Count: > 0 } && runs.All(run => run.RunProperties?.Bold is { } bold && (bold.Val is null || bold.Val.Value));
        }

        private static string ParagraphText(Paragraph paragraph)
        {
            var builder = new StringBuilder();
            foreach (var element in paragraph.Descendants())
            {
                switch (element)
                {
                    case Text text when text.Parent is Run:
                        builder.Append(text.Text);
                        break;
                    case TabChar or PositionalTab:
                        builder.Append(' ');
                        break;
                    case Break or CarriageReturn:
                        builder.Append('\n');
                        break;
                    case NoBreakHyphen:
                        builder.Append('-');
                        break;
                }
            }

            return TextNormalizer.Normalize(builder.ToString());
        }
    }
}
