namespace Assistant.Rag.Indexes;

/// <summary>
/// An index's files could not be read or opened: corrupt, truncated, written for other settings, or locked by another
/// writer. The message names the path and the reason; the index is unusable until the files are fixed or removed.
/// </summary>
public sealed class IndexStorageException : Exception
{
    public IndexStorageException(string message) : base(message)
    {
    }

    public IndexStorageException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public IndexStorageException()
    {
    }
}
