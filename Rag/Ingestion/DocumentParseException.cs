namespace Assistant.Rag.Ingestion;

/// <summary>A file could not be parsed; the message names the file and the reason, never its content.</summary>
public sealed class DocumentParseException : Exception
{
    public DocumentParseException(string message) : base(message)
    {
    }

    public DocumentParseException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DocumentParseException()
    {
    }
}
