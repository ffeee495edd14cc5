using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// Parses Markdown with Markdig's syntax tree. Headings start sections; lists, tables, quotes and code become
/// readable text; YAML front matter becomes metadata.
/// </summary>
/// <remarks>
/// Title: the front matter's <c>title</c>, else the first level-1 heading, else the file name. Front matter is read as
/// flat <c>key: value</c> lines; nested YAML is not interpreted. Stateless and thread-safe.
/// </remarks>
internal sealed partial class MarkdownParser : IDocumentParser
{
    private const string Format = "Markdown";
    private const int MaxDepth = 64;

    // Marks a hard line break while inline text is collected; soft breaks are '\n', which Flow joins (CJK-aware).
    private const char HardBreak = '\u2029';

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .Build();

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    /// <inheritdoc />
    public ParsedDocument Parse(Stream content, string fileName)
    {
        var bytes = ParseFailure.ReadAll(content, fileName, Format);
        var text = TextDecoder.Decode(bytes, fileName, Format);
        return ParseFailure.Guard(fileName, Format, () => ParseText(text, fileName));
    }

    private static ParsedDocument ParseText(string text, string fileName)
    {
        var syntax = Markdown.Parse(text, Pipeline);
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sections = new SectionBuilder();
        string? firstH1 = null;

        foreach (var block in syntax)
        {
            switch (block)
            {
                case YamlFrontMatterBlock frontMatter:
                    ReadFrontMatter(frontMatter, metadata);
                    break;
                case HeadingBlock heading:
                    var headingText = InlineText(heading.Inline);
                    if (heading.Level == 1 && firstH1 is null && headingText.Length > 0)
                    {
                        firstH1 = headingText;
                    }

                    sections.StartSection(heading.Level, headingText);
                    break;
                default:
                    foreach (var paragraph in BlockText(block, 0))
                    {
                        sections.AddParagraph(paragraph);
                    }

                    break;
            }
        }

        var title = metadata.TryGetValue("title", out var fromFrontMatter) && fromFrontMatter.Length > 0
            ? fromFrontMatter
            : firstH1 ?? Path.GetFileNameWithoutExtension(fileName);
        return new ParsedDocument(title, sections.Build(), metadata);
    }

    // The paragraphs a block contributes; nested headings (inside quotes or lists) are kept as plain text.
    private static IEnumerable<string> BlockText(Block block, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InsufficientExecutionStackException();
        }

        switch (block)
        {
            case HeadingBlock heading:
                yield return InlineText(heading.Inline);
                break;
            case ParagraphBlock paragraph:
                yield return InlineText(paragraph.Inline);
                break;
            case Table table:
                yield return TableText(table);
                break;
            case ListBlock list:
                yield return ListText(list, depth);
                break;
            case HtmlBlock html:
                yield return HtmlBlockText(html);
                break;
            case CodeBlock code:
                yield return code.Lines.ToString();
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    foreach (var text in BlockText(child, depth + 1))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }

    // Raw HTML in Markdown (<details>, <div align="center">) carries real text; scripts, styles and comments do not.
    private static string HtmlBlockText(HtmlBlock html)
    {
        if (html.Type is HtmlBlockType.Comment or HtmlBlockType.ProcessingInstruction or HtmlBlockType.DocumentType or HtmlBlockType.CData)
        {
            return string.Empty;
        }

        var raw = html.Lines.ToString();
        if (raw.TrimStart().StartsWith("<script", StringComparison.OrdinalIgnoreCase) || raw.TrimStart().StartsWith("<style", StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        return System.Net.WebUtility.HtmlDecode(HtmlTag().Replace(raw, " "));
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    private static string ListText(ListBlock list, int depth)
    {
        var builder = new StringBuilder();
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            var first = true;
            foreach (var child in item)
            {
                foreach (var text in BlockText(child, depth + 1))
                {
                    // The item's first line carries the marker; nested lists and later paragraphs follow as their own lines.
                    foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        builder.Append(first ? marker : string.Empty).Append(line).Append('\n');
                        first = false;
                    }
                }
            }
        }

        return builder.ToString();
    }

    private static string TableText(Table table)
    {
        var rows = table.OfType<TableRow>()
            .Select(row => (row.IsHeader, Cells: (IReadOnlyList<string>)row.OfType<TableCell>().Select(CellText).ToArray()))
            .ToList();
        var header = rows.FirstOrDefault(row => row.IsHeader).Cells;
        return TableFormatter.Format(header, rows.Where(row => !row.IsHeader).Select(row => row.Cells));
    }

    private static string CellText(TableCell cell) =>
        TextNormalizer.Flow(string.Join(" ", cell.OfType<LeafBlock>().Select(leaf => InlineText(leaf.Inline))));

    private static void ReadFrontMatter(YamlFrontMatterBlock block, Dictionary<string, string> metadata)
    {
        foreach (var line in block.Lines.ToString().Split('\n'))
        {
            var separator = line.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0 || char.IsWhiteSpace(line[0]) || line.StartsWith('#') || line.StartsWith('-'))
            {
                continue;
            }

            var key = line[..separator].Trim();
            var value = Unquote(line[(separator + 1)..].Trim());
            if (key.Length > 0 && value.Length > 0)
            {
                metadata[key] = TextNormalizer.Flow(value);
            }
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        AppendInline(builder, inline, 0);
        var lines = builder.ToString().Split(HardBreak).Select(TextNormalizer.Flow);
        return string.Join("\n", lines.Where(line => line.Length > 0));
    }

    private static void AppendInline(StringBuilder builder, Inline inline, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InsufficientExecutionStackException();
        }

        switch (inline)
        {
            case LiteralInline literal:
                builder.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                builder.Append(code.Content);
                break;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.ToString());
                break;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard ? HardBreak : '\n');
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    AppendInline(builder, child, depth + 1);
                }

                break;
        }
    }
}
