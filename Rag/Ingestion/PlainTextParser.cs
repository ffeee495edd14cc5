namespace Assistant.Rag.Ingestion;

/// <summary>
/// Parses plain text: one untitled section whose paragraphs are the blank-line-separated blocks of the file.
/// Line breaks inside a paragraph are kept, since plain text uses them for lists and addresses as often as for wrapping.
/// </summary>
/// <remarks>
/// Title: the first line when it is short (at most <see cref="MaxTitleLength"/> characters), else the file name. A title
/// line standing alone as the first paragraph is not repeated in the text. Stateless and thread-safe.
/// </remarks>
internal sealed class PlainTextParser : IDocumentParser
{
    /// <summary>The longest first line still taken as the title.</summary>
    public const int MaxTitleLength = 80;

    private const string Format = "plain text";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions { get; } = [".txt"];

    /// <inheritdoc />
    public ParsedDocument Parse(Stream content, string fileName)
    {
        var bytes = ParseFailure.ReadAll(content, fileName, Format);
        var text = TextDecoder.Decode(bytes, fileName, Format);
        return ParseFailure.Guard(fileName, Format, () => ParseText(text, fileName));
    }

    private static ParsedDocument ParseText(string text, string fileName)
    {
        var paragraphs = TextNormalizer.Normalize(text).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var title = Path.GetFileNameWithoutExtension(fileName);
        var firstLine = paragraphs.Count > 0 ? paragraphs[0].Split('\n')[0] : string.Empty;
        if (firstLine.Length is > 0 and <= MaxTitleLength)
        {
            title = firstLine;

            // A title standing alone is not repeated as text, unless it is all the text there is.
            if (paragraphs[0] == firstLine && paragraphs.Count > 1)
            {
                paragraphs.RemoveAt(0);
            }
        }

        var sections = new SectionBuilder();
        foreach (var paragraph in paragraphs)
        {
            sections.AddParagraph(paragraph);
        }

        return new ParsedDocument(title, sections.Build(), new Dictionary<string, string>());
    }
}
