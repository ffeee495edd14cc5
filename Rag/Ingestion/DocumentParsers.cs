using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// The parsers the engine knows, chosen by file extension (case-insensitive).
/// </summary>
/// <remarks>
/// Immutable after construction and thread-safe, provided the parsers are (the built-in ones are stateless).
/// Every failure to parse, including an unsupported extension, surfaces as <see cref="DocumentParseException"/>.
/// </remarks>
public sealed partial class DocumentParsers
{
    private readonly Dictionary<string, IDocumentParser> _byExtension = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _logger;

    /// <summary>Creates a registry over <paramref name="parsers"/>.</summary>
    /// <param name="parsers">The parsers; each extension may be claimed by one parser only.</param>
    /// <param name="logger">Receives a debug entry per parsed file and a warning per failure; null logs nothing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parsers"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">Two parsers claim the same extension.</exception>
    public DocumentParsers(IEnumerable<IDocumentParser> parsers, ILogger<DocumentParsers>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(parsers);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        foreach (var parser in parsers)
        {
            ArgumentNullException.ThrowIfNull(parser, nameof(parsers));
            foreach (var extension in parser.Extensions)
            {
                if (!_byExtension.TryAdd(extension, parser))
                {
                    throw new ArgumentException($"Two parsers claim the extension '{extension}'.", nameof(parsers));
                }
            }
        }
    }

    /// <summary>The extensions that can be parsed, lower case with the dot.</summary>
    public IReadOnlyCollection<string> Extensions => _byExtension.Keys;

    /// <summary>
    /// A registry with the built-in parsers: Markdown (.md, .markdown), HTML (.html, .htm), plain text (.txt),
    /// PDF (.pdf) and Word (.docx).
    /// </summary>
    public static DocumentParsers CreateDefault(ILogger<DocumentParsers>? logger = null) =>
        new([new MarkdownParser(), new HtmlParser(), new PlainTextParser(), new PdfParser(), new DocxParser()], logger);

    /// <summary>True when a parser handles the extension of <paramref name="path"/>; false for null, empty or extension-less paths.</summary>
    public bool IsSupported(string? path) =>
        !string.IsNullOrEmpty(path) && _byExtension.ContainsKey(Path.GetExtension(path));

    /// <summary>Parses <paramref name="content"/> with the parser for the extension of <paramref name="fileName"/>.</summary>
    /// <param name="content">The file's bytes, read to the end; the caller keeps ownership and disposes it.</param>
    /// <param name="fileName">File name or path; used to choose the parser and in error messages.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="DocumentParseException">No parser handles the extension, or the content is empty, corrupt or not of that format.</exception>
    public ParsedDocument Parse(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName);
        if (!_byExtension.TryGetValue(extension, out var parser))
        {
            throw new DocumentParseException($"Cannot parse '{fileName}': no parser handles '{extension}' files.");
        }

        try
        {
            var document = parser.Parse(content, fileName);
            LogParsed(_logger, fileName, document.Sections.Count);
            return document;
        }
        catch (DocumentParseException exception)
        {
            LogParseFailed(_logger, fileName, exception);
            throw;
        }
    }

    [LoggerMessage(EventId = 1206, Level = LogLevel.Debug, Message = "Parsed {FileName} into {SectionCount} sections")]
    private static partial void LogParsed(ILogger logger, string fileName, int sectionCount);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Could not parse {FileName}")]
    private static partial void LogParseFailed(ILogger logger, string fileName, Exception exception);
}
