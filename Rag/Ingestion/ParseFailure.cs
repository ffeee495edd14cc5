namespace Assistant.Rag.Ingestion;

/// <summary>
/// Builds the one exception type parsers throw, and translates third-party exceptions into it once, at the parser boundary.
/// Messages name the file, the format and the reason; they never quote the file's content, and for a third-party
/// failure they name the exception type rather than echoing its message (which can quote the bytes it choked on).
/// </summary>
internal static class ParseFailure
{
    /// <summary>An exception saying <paramref name="fileName"/> could not be read as <paramref name="format"/> because of <paramref name="reason"/>.</summary>
    public static DocumentParseException Create(string fileName, string format, string reason, Exception? inner = null)
    {
        var message = $"Cannot parse '{fileName}' as {format}: {reason}.";
        return inner is null ? new DocumentParseException(message) : new DocumentParseException(message, inner);
    }

    /// <summary>
    /// Runs <paramref name="parse"/>; any exception other than <see cref="DocumentParseException"/> is wrapped into one.
    /// A document without any text is a failure too: there is nothing to index.
    /// </summary>
    public static ParsedDocument Guard(string fileName, string format, Func<ParsedDocument> parse)
    {
        ParsedDocument document;
        try
        {
            document = parse();
        }
        catch (DocumentParseException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException exception)
        {
            throw Create(fileName, format, "the document is nested too deeply", exception);
        }
        catch (Exception exception)
        {
            throw Create(fileName, format, $"the file is corrupt or not in this format ({exception.GetType().Name})", exception);
        }

        if (document.Sections.Count == 0)
        {
            throw Create(fileName, format, "the document contains no text");
        }

        return document;
    }

    /// <summary>Reads the whole stream; an unreadable stream is a parse failure, an empty one too.</summary>
    public static byte[] ReadAll(Stream content, string fileName, string format)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        catch (Exception exception) when (exception is IOException or NotSupportedException or ObjectDisposedException)
        {
            throw Create(fileName, format, $"the content could not be read ({exception.GetType().Name})", exception);
        }

        if (bytes.Length == 0)
        {
            throw Create(fileName, format, "the file is empty");
        }

        return bytes;
    }
}
