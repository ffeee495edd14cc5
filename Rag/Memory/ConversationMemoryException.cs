namespace Assistant.Rag.Memory;

/// <summary>A conversation store failed; names the operation and the store. The message holds no user text.</summary>
public sealed class ConversationMemoryException : Exception
{
    public ConversationMemoryException()
    {
    }

    public ConversationMemoryException(string message)
        : base(message)
    {
    }

    public ConversationMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>For a failed <paramref name="operation"/> ("load", "append") on <paramref name="store"/> ("redis").</summary>
    public static ConversationMemoryException For(string operation, string store, Exception innerException) =>
        new($"Could not {operation} the conversation history in {store} ({innerException.GetType().Name}).", innerException);
}
