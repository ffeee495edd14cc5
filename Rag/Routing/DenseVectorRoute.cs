using Assistant.Rag.Indexes;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Routing;

/// <summary>The "vector" route: nearest chunks by cosine similarity of embeddings. Good for paraphrased, descriptive questions.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class DenseVectorRoute : IRetrievalRoute
{
    /// <summary>The route's name.</summary>
    public const string RouteName = "vector";

    private readonly KnowledgeIndex _index;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;

    public DenseVectorRoute(KnowledgeIndex index, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        _index = index;
        _embedder = embedder;
    }

    public string Name => RouteName;

    public string Description => "Semantic search over the knowledge base's text (policies, how-tos, FAQs, release notes): " +
        "finds passages that mean the same as the question even in other words. Best for descriptive and how/why questions.";

    public async Task<IReadOnlyList<ScoredId>> SearchAsync(RouteQuery query, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var embedding = query.Embedding.IsEmpty
            ? await _embedder.GenerateVectorAsync(query.Text, cancellationToken: cancellationToken).ConfigureAwait(false)
            : query.Embedding;
        // Through SearchChunksAsync: a hit on a chunk's hypothetical question is a hit on the chunk, and only chunks come back.
        // The asker's principals filter inside the index's scan; no asker is public documents only.
        return await _index.Vectors.SearchChunksAsync(embedding, top, query.Access ?? Access.AccessFilter.PublicOnly, cancellationToken).ConfigureAwait(false);
    }
}
