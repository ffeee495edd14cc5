using System.Diagnostics;
using Assistant.Rag.Indexes;
using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Routing;

namespace Assistant.Rag.Evaluation;

/// <summary>
/// Runs every judged query of a dataset through the bot's own retrieval (<see cref="HybridRetriever.RankAsync"/>) and
/// scores the document ranking. A document's rank is the rank of its best chunk.
/// </summary>
public sealed class RetrievalEvaluator
{
    /// <summary>Depth of the ranking scored (Recall@100 needs 100 documents).</summary>
    public const int Depth = 100;

    private readonly HybridRetriever _retriever;
    private readonly TwoLevelVectorIndex? _twoLevel;

    /// <summary>
    /// Evaluates through <paramref name="retriever"/>; <paramref name="twoLevel"/>, the vector index it searches when that is
    /// two-level, is switched to each configuration's <see cref="EvaluationConfig.TwoLevelDocuments"/> (null: flat only).
    /// </summary>
    public RetrievalEvaluator(HybridRetriever retriever, TwoLevelVectorIndex? twoLevel = null)
    {
        _retriever = retriever;
        _twoLevel = twoLevel;
    }

    /// <summary>The judged queries that can be asked: empty or blank query texts are bad input and left out (counted in <c>skipped</c>).</summary>
    public static (IReadOnlyList<(string Id, string Text)> Queries, int Skipped) AskableQueries(BeirDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var askable = new List<(string, string)>();
        var skipped = 0;
        foreach (var id in dataset.Judgements.Keys.Order(StringComparer.Ordinal))
        {
            if (dataset.Queries.TryGetValue(id, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                askable.Add((id, text));
            }
            else
            {
                skipped++;
            }
        }

        return (askable, skipped);
    }

    /// <summary>Measures one configuration; <paramref name="progress"/> gets the number of queries done.</summary>
    public async Task<ConfigResult> EvaluateAsync(BeirDataset dataset, IReadOnlyList<(string Id, string Text)> queries, EvaluationConfig config, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(config);
        if (config.TwoLevelDocuments > 0 && _twoLevel is null)
        {
            throw new InvalidOperationException($"{config.Name} needs a two-level vector index.");
        }

        if (_twoLevel is not null)
        {
            _twoLevel.Documents = config.TwoLevelDocuments;
        }

        var options = config.Options;
        options.CandidatesPerRoute = Math.Max(options.CandidatesPerRoute, Depth);
        double ndcg = 0, recall10 = 0, recall100 = 0, mrr = 0;
        var latencies = new List<double>(queries.Count);
        var perQuery = new List<double>(queries.Count);
        var done = 0;
        foreach (var (id, text) in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            var ranking = await _retriever.RankAsync(new RetrievalRequest(text, Routed: config.Routed, Expansion: config.Expansion ?? QueryExpansionOptions.Off), options, cancellationToken).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var documents = RankDocuments(ranking.Hits);
            var judged = dataset.Judgements[id];
            var queryNdcg = RetrievalMetrics.NdcgAt(documents, judged, 10);
            perQuery.Add(queryNdcg);
            ndcg += queryNdcg;
            recall10 += RetrievalMetrics.RecallAt(documents, judged, 10);
            recall100 += RetrievalMetrics.RecallAt(documents, judged, 100);
            mrr += RetrievalMetrics.MrrAt(documents, judged, 10);
            progress?.Report(++done);
        }

        var n = Math.Max(1, queries.Count);
        return new ConfigResult(config.Name, ndcg / n, recall10 / n, recall100 / n, mrr / n, RetrievalMetrics.Percentile(latencies, 50), RetrievalMetrics.Percentile(latencies, 95))
        {
            PerQueryNdcg10 = perQuery,
        };
    }

    /// <summary>
    /// Documents in the order the bot would rank their passages: a document scores its best chunk plus
    /// <see cref="PassageAssembler.SiblingBonus"/> of each further chunk it had among the hits.
    /// </summary>
    public static IReadOnlyList<string> RankDocuments(IReadOnlyList<FusedHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var scores = new Dictionary<string, (double Score, int First)>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            var document = DocumentOf(hit.ChunkId);
            scores[document] = scores.TryGetValue(document, out var seen)
                ? (seen.Score + (PassageAssembler.SiblingBonus * hit.Score), seen.First)
                : (hit.Score, scores.Count);
        }

        return [.. scores.OrderByDescending(s => s.Value.Score).ThenBy(s => s.Value.First).Select(s => s.Key).Take(Depth)];
    }

    /// <summary>The document of a chunk id ("{document}#{section}.{ordinal}").</summary>
    public static string DocumentOf(string chunkId)
    {
        ArgumentNullException.ThrowIfNull(chunkId);
        var hash = chunkId.LastIndexOf('#');
        return hash < 0 ? chunkId : chunkId[..hash];
    }
}
