namespace Assistant.Rag.Memory;

/// <summary>
/// Remembers the recent turns of each conversation, so follow-up questions can be understood. Bounded by turns and
/// tokens; a conversation left alone for <see cref="MemoryOptions.Ttl"/> is forgotten, and every load or append
/// starts that time again.
/// </summary>
/// <remarks>
/// Thread-safe. Implementations translate their backend's failures into <see cref="ConversationMemoryException"/>;
/// callers treat a failure as "no history" rather than failing the turn.
/// </remarks>
public interface IConversationMemory
{
    /// <summary>The conversation's history; <see cref="ConversationHistory.Empty"/> when there is none (new or expired).</summary>
    /// <exception cref="ConversationMemoryException">The store could not be read.</exception>
    Task<ConversationHistory> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="turn"/> as the newest turn. Turns beyond the bounds are summarised when an LLM is configured,
    /// dropped oldest first when not.
    /// </summary>
    /// <exception cref="ConversationMemoryException">The store could not be written.</exception>
    Task AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default);
}
