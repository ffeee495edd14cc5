using Assistant.Rag.Indexes;

namespace Assistant.Rag.Retrieval;

/// <summary>
/// Reorders the head of the fused list by a weighted sum of <see cref="RerankFeatures"/>: both routes' scores for the
/// chunk and for its document, and how fully and how closely the chunk's text matches the question's terms. Needs no
/// model and no download; the weights are fitted offline (<see cref="RerankerWeights"/>).
/// </summary>
/// <remarks>Thread-safe: reads the catalog, holds no state per question.</remarks>
public sealed class FeatureReranker : IReranker
{
    private readonly ChunkCatalog _catalog;
    private readonly IReadOnlyList<double> _weights;

    /// <summary>A reranker over <paramref name="catalog"/>'s chunk text with <paramref name="weights"/> (null: the fitted
    /// <see cref="RerankerWeights.Default"/>), one per <see cref="RerankFeatures.Names"/> entry.</summary>
    /// <exception cref="ArgumentException">The weights do not match the features in number.</exception>
    public FeatureReranker(ChunkCatalog catalog, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        weights ??= RerankerWeights.Default;
        if (weights.Count != RerankFeatures.Names.Count)
        {
            throw new ArgumentException($"Expected {RerankFeatures.Names.Count} weights ({string.Join(", ", RerankFeatures.Names)}), got {weights.Count}.", nameof(weights));
        }

        _catalog = catalog;
        _weights = weights;
    }

    /// <inheritdoc />
    public RerankerKind Kind => RerankerKind.Features;

    /// <inheritdoc />
    public Task<IReadOnlyList<FusedHit>> RerankAsync(string question, IReadOnlyList<FusedHit> hits, int depth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(hits);
        cancellationToken.ThrowIfCancellationRequested();
        var head = hits.Take(Math.Max(0, depth)).ToList();
        if (head.Count < 2)
        {
            return Task.FromResult(hits);
        }

        var features = Features(question, head);
        return Task.FromResult(Order(hits, features, _weights));
    }

    /// <summary>The feature vectors of <paramref name="head"/> for <paramref name="question"/> (for fitting and tests).</summary>
    public double[][] Features(string question, IReadOnlyList<FusedHit> head)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(head);
        var chunks = _catalog.GetChunks([.. head.Select(h => h.ChunkId)]);
        var byHash = _catalog.GetEmbeddingsByHash([.. chunks.Values.Select(c => c.Chunk.ContentHash)]);
        var embeddings = chunks.Where(c => byHash.ContainsKey(c.Value.Chunk.ContentHash)).ToDictionary(c => c.Key, c => byHash[c.Value.Chunk.ContentHash], StringComparer.Ordinal);
        return RerankFeatures.Compute(RerankTerms.Ordered(question), head, chunks, embeddings);
    }

    /// <summary>
    /// <paramref name="hits"/> with the first <c>features.Length</c> ordered by the weighted feature sum (ties keep their
    /// fused order) and the rest after them; scores are rewritten to decrease down the whole list.
    /// </summary>
    public static IReadOnlyList<FusedHit> Order(IReadOnlyList<FusedHit> hits, double[][] features, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(weights);
        var head = features
            .Select((f, i) => (Hit: hits[i], Score: Score(f, weights), Index: i))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .ToList();
        var result = new List<FusedHit>(hits.Count);
        result.AddRange(head.Select(x => x.Hit with { Score = x.Score }));
        var floor = head.Count > 0 ? head[^1].Score : 0;
        for (var i = head.Count; i < hits.Count; i++)
        {
            result.Add(hits[i] with { Score = floor - (i - head.Count + 1) });
        }

        return result;
    }

    /// <summary>The weighted sum of one feature vector.</summary>
    public static double Score(IReadOnlyList<double> features, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(weights);
        var sum = 0.0;
        for (var i = 0; i < features.Count; i++)
        {
            sum += features[i] * weights[i];
        }

        return sum;
    }
}
