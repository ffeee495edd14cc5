using Assistant.Rag.Memory;

namespace Assistant.Rag.Tests.Support;

/// <summary>A conversation store whose backend is down: every call fails as the Redis store fails.</summary>
internal sealed class FailingConversationMemory : IConversationMemory
{
    public int Calls { get; private set; }

    public Task<ConversationHistory> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default)
    {
        Calls++;
        throw ConversationMemoryException.For("load", "redis", new TimeoutException("simulated"));
    }

    public Task AppendAsync(ConversationKey key, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        Calls++;
        throw ConversationMemoryException.For("append", "redis", new TimeoutException("simulated"));
    }
}
