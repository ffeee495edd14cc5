using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// Cuts documents where the meaning shifts: every sentence is embedded, and a chunk ends between two adjacent sentences
/// whose cosine similarity is below <see cref="ChunkingOptions.SemanticBreakPercentile"/> of the document's
/// adjacent-sentence similarities, once it holds <see cref="ChunkingOptions.SemanticMinTokens"/>. A chunk that would
/// outgrow the token budget is cut at its weakest link instead, with the fixed chunker's overlap.
/// </summary>
/// <remarks>
/// Thread-safe if the embedding generator and token counter are. Costs one embedding per sentence on top of the chunk
/// embeddings, so ingesting is slower than with fixed-size chunks. Deterministic for a deterministic generator.
/// </remarks>
public sealed class SemanticChunker
{
    private const int EmbeddingBatch = 64;
    private readonly TextChunker _chunker;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly ChunkingOptions _options;

    public SemanticChunker(TextChunker chunker, IEmbeddingGenerator<string, Embedding<float>> embedder, ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(chunker);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(options);
        _chunker = chunker;
        _embedder = embedder;
        _options = options;
    }

    /// <summary>True when the options choose <see cref="ChunkingStrategy.Semantic"/>; the ingestion pipeline uses this chunker then.</summary>
    public bool IsEnabled => _options.Strategy == ChunkingStrategy.Semantic;

    /// <summary>Cuts <paramref name="document"/>; sections without text are skipped. Embeds each sentence once.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<ChunkedDocument> ChunkAsync(SourceDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var plans = _chunker.Plan(document);
        var similarities = new Dictionary<SectionPlan, float[]>(ReferenceEqualityComparer.Instance);
        var all = new List<float>();
        foreach (var plan in plans)
        {
            var links = await LinksAsync(plan, cancellationToken).ConfigureAwait(false);
            similarities[plan] = links;
            all.AddRange(links);
        }

        var threshold = Percentile(all, _options.SemanticBreakPercentile);
        return _chunker.Build(document, plans, plan => Groups(plan, similarities[plan], threshold));
    }

    /// <summary>
    /// Groups units into chunks: (first, last) runs. <paramref name="links"/>[i] is the similarity of unit i and unit i + 1.
    /// </summary>
    internal IEnumerable<(int First, int Last)> Groups(SectionPlan plan, IReadOnlyList<float> links, float threshold)
    {
        var units = plan.Units;
        var first = 0;
        while (first < units.Count)
        {
            // The longest run that fits the budget.
            var last = first;
            var used = units[first].Tokens;
            while (last + 1 < units.Count && used + units[last + 1].Tokens <= plan.Budget)
            {
                last++;
                used += units[last].Tokens;
            }

            // A shift in meaning ends the chunk early, once it is long enough.
            var size = 0;
            var cut = -1;
            var weakest = -1;
            for (var i = first; i < last; i++)
            {
                size += units[i].Tokens;
                if (size < _options.SemanticMinTokens)
                {
                    continue;
                }

                if (links[i] < threshold)
                {
                    cut = i;
                    break;
                }

                if (weakest < 0 || links[i] < links[weakest])
                {
                    weakest = i;
                }
            }

            if (cut >= 0)
            {
                yield return (first, cut);
                first = cut + 1;
                continue;
            }

            if (last + 1 >= units.Count)
            {
                yield return (first, last);
                yield break;
            }

            // No shift inside the budget: cut at the weakest link there, and overlap as fixed chunks do, since the
            // text on either side still belongs together.
            var end = weakest >= 0 ? weakest : last;
            yield return (first, end);
            first = _chunker.OverlapStart(units, first, end, plan.Budget);
        }
    }

    private async Task<float[]> LinksAsync(SectionPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Units.Count < 2)
        {
            return [];
        }

        var texts = plan.Units.Select(u => plan.Section.Text[u.Start..u.End]).ToList();
        var vectors = new List<ReadOnlyMemory<float>>(texts.Count);
        foreach (var batch in texts.Chunk(EmbeddingBatch))
        {
            var result = await _embedder.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            vectors.AddRange(result.Select(e => e.Vector));
        }

        var links = new float[texts.Count - 1];
        for (var i = 0; i < links.Length; i++)
        {
            links[i] = TensorPrimitives.CosineSimilarity(vectors[i].Span, vectors[i + 1].Span);
        }

        return links;
    }

    private static float Percentile(List<float> values, double percent)
    {
        if (values.Count == 0)
        {
            return float.NegativeInfinity;
        }

        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
