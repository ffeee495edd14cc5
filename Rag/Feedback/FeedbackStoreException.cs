namespace Assistant.Rag.Feedback;

/// <summary>The feedback store (SQLite or PostgreSQL) failed; the message names the operation and the store.</summary>
public sealed class FeedbackStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FeedbackStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FeedbackStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public FeedbackStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
