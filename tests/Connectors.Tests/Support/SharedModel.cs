using Assistant.Rag.Embeddings;

namespace Assistant.Connectors.Tests.Support;

/// <summary>One MiniLM instance for the whole test run (a copy of Rag.Tests' helper; loading the model costs a second and 90 MB).</summary>
internal static class SharedModel
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> Model = new(() => new MiniLmEmbeddingGenerator());

    public static MiniLmEmbeddingGenerator Embedder => Model.Value;

    public static WordPieceTokenCounter Tokens { get; } = new();
}
