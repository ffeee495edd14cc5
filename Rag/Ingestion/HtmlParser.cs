using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// Parses HTML with AngleSharp. h1–h3 start sections (h4–h6 stay in the text); script, style, nav, footer and other
/// non-content elements are dropped; lists and tables become readable text.
/// </summary>
/// <remarks>
/// Title: <c>&lt;title&gt;</c>, else the first h1, else the file name. Metadata: the <c>lang</c> attribute and the
/// description, author and keywords meta tags. Stateless and thread-safe.
/// </remarks>
internal sealed partial class HtmlParser : IDocumentParser
{
    private const string Format = "HTML";
    private const int MaxDepth = 256;

    // Marks a line break the markup asked for (<br>, list items); '\n' in text nodes is only source formatting.
    private const char LineBreak = '\u2029';

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "nav", "footer", "noscript", "template", "svg", "iframe", "object", "head", "button", "form",
    };

    // Elements after which text continues in a new paragraph.
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "aside", "header", "blockquote", "pre", "figure", "figcaption",
        "address", "details", "summary", "dl", "dt", "dd", "h4", "h5", "h6", "hr", "center",
    };

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm"];

    /// <inheritdoc />
    public ParsedDocument Parse(Stream content, string fileName)
    {
        var bytes = ParseFailure.ReadAll(content, fileName, Format);
        var text = TextDecoder.Decode(bytes, fileName, Format, DeclaredCharset);
        return ParseFailure.Guard(fileName, Format, () => ParseText(text, fileName));
    }

    // <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gbk"> in the first kilobytes,
    // which is where browsers look for it too.
    private static string? DeclaredCharset(byte[] bytes)
    {
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var match = CharsetPattern().Match(head);
        return match.Success ? match.Groups["charset"].Value : null;
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<charset>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetPattern();

    private static ParsedDocument ParseText(string text, string fileName)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(text);
        var metadata = ReadMetadata(document);
        var walker = new Walker();
        if (document.Body is not null)
        {
            walker.Visit(document.Body, 0);
        }

        var title = TextNormalizer.Flow(document.Title);
        if (title.Length == 0)
        {
            title = TextNormalizer.Flow(document.QuerySelector("h1")?.TextContent);
        }

        if (title.Length == 0)
        {
            title = Path.GetFileNameWithoutExtension(fileName);
        }

        return new ParsedDocument(title, walker.Build(), metadata);
    }

    private static Dictionary<string, string> ReadMetadata(IHtmlDocument document)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var language = document.DocumentElement?.GetAttribute("lang");
        if (!string.IsNullOrWhiteSpace(language))
        {
            metadata["language"] = language.Trim();
        }

        foreach (var meta in document.QuerySelectorAll("meta[name][content]"))
        {
            var name = meta.GetAttribute("name")!.Trim().ToLowerInvariant();
            var value = TextNormalizer.Flow(meta.GetAttribute("content"));
            if (name is "description" or "author" or "keywords" && value.Length > 0)
            {
                metadata[name] = value;
            }
        }

        return metadata;
    }

    // Walks the body in document order, collecting inline text into the current paragraph.
    private sealed class Walker
    {
        private readonly SectionBuilder _sections = new();
        private readonly StringBuilder _paragraph = new();

        public IReadOnlyList<DocumentSection> Build()
        {
            EndParagraph();
            return _sections.Build();
        }

        public void Visit(INode node, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new InsufficientExecutionStackException();
            }

            if (node is IText text)
            {
                _paragraph.Append(text.Data);
                return;
            }

            if (node is not IElement element)
            {
                return;
            }

            var name = element.LocalName;
            if (Dropped.Contains(name) || element.HasAttribute("hidden"))
            {
                return;
            }

            switch (name)
            {
                case "h1" or "h2" or "h3":
                    EndParagraph();
                    _sections.StartSection(name[1] - '0', element.TextContent);
                    return;
                case "br":
                    _paragraph.Append(LineBreak);
                    return;
                case "table":
                    EndParagraph();
                    _sections.AddParagraph(TableText(element));
                    return;
                case "li":
                    // Items are lines of one paragraph, as in the Markdown parser's output.
                    if (_paragraph.Length > 0 && _paragraph[^1] != LineBreak)
                    {
                        _paragraph.Append(LineBreak);
                    }

                    _paragraph.Append(element.ParentElement?.LocalName == "ol" ? $"{Index(element)}. " : "- ");
                    VisitChildren(element, depth);
                    _paragraph.Append(LineBreak);
                    return;
                case "pre":
                    EndParagraph();
                    _sections.AddParagraph(element.TextContent);
                    return;
            }

            var isBlock = Blocks.Contains(name) || name is "ul" or "ol";
            if (isBlock)
            {
                EndParagraph();
            }

            VisitChildren(element, depth);
            if (isBlock)
            {
                EndParagraph();
            }
        }

        private void VisitChildren(IElement element, int depth)
        {
            foreach (var child in element.ChildNodes)
            {
                Visit(child, depth + 1);
            }
        }

        // HTML collapses whitespace except where <br> broke the line, so each <br>-separated line flows on its own.
        private void EndParagraph()
        {
            if (_paragraph.Length == 0)
            {
                return;
            }

            var lines = _paragraph.ToString().Split(LineBreak).Select(TextNormalizer.Flow).Where(line => line.Length > 0);
            _sections.AddParagraph(string.Join("\n", lines));
            _paragraph.Clear();
        }

        private static int Index(IElement item)
        {
            var start = int.TryParse(item.ParentElement?.GetAttribute("start"), out var value) ? value : 1;
            return start + item.ParentElement!.Children.Where(child => child.LocalName == "li").TakeWhile(child => child != item).Count();
        }

        private static string TableText(IElement table)
        {
            var rows = table.QuerySelectorAll("tr")
                .Where(row => row.Closest("table") == table)
                .Select(row => (
                    IsHeader: row.Children.All(cell => cell.LocalName == "th"),
                    Cells: row.Children.Where(cell => cell.LocalName is "td" or "th").Select(cell => TextNormalizer.Flow(cell.TextContent)).ToArray()))
                .Where(row => row.Cells.Length > 0)
                .ToList();
            IReadOnlyList<string>? header = rows.Count > 0 && rows[0].IsHeader ? rows[0].Cells : null;
            var body = header is null ? rows : rows.Skip(1);
            return TableFormatter.Format(header, body.Select(row => (IReadOnlyList<string>)row.Cells));
        }
    }
}
