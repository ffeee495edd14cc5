namespace Assistant.Rag.Ingestion;

/// <summary>Turns the bytes of one file format into a <see cref="ParsedDocument"/>.</summary>
/// <remarks>Implementations are stateless and thread-safe.</remarks>
public interface IDocumentParser
{
    /// <summary>File extensions handled, lower case with the dot (".md").</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>Parses <paramref name="content"/>.</summary>
    /// <exception cref="DocumentParseException">The content is corrupt or not of this format.</exception>
    ParsedDocument Parse(Stream content, string fileName);
}
