using Assistant.Rag.Embeddings;

namespace Assistant.Tests.Shared;

/// <summary>One MiniLM instance for the whole test run: loading the model costs a second and 90 MB each time.</summary>
internal static class SharedModel
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> Model = new(() => new MiniLmEmbeddingGenerator());

    public static MiniLmEmbeddingGenerator Embedder => Model.Value;

    public static WordPieceTokenCounter Tokens { get; } = new();
}
