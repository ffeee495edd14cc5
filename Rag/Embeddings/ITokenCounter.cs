namespace Assistant.Rag.Embeddings;

/// <summary>Counts model tokens, so chunks fit the embedding model's window.</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ITokenCounter
{
    /// <summary>Number of model tokens in <paramref name="text"/>, without the special tokens a model adds.</summary>
    int CountTokens(string text);
}
