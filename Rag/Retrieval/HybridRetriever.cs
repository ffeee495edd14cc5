using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Retrieval;

/// <summary>
/// Runs the vector and keyword routes in parallel, fuses their rankings with weighted reciprocal-rank fusion and
/// assembles passages. A route that fails is dropped from this question (and logged); the other still answers.
/// </summary>
/// <remarks>Thread-safe; many questions may be retrieved at once.</remarks>
public sealed partial class HybridRetriever
{
    /// <summary>Name of the dense route.</summary>
    public const string VectorRoute = "vector";

    /// <summary>Name of the BM25 route.</summary>
    public const string KeywordRoute = "keyword";

    private readonly KnowledgeIndex _index;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly PassageAssembler _assembler;
    private readonly IOptionsMonitor<RetrievalOptions> _options;
    private readonly ILogger _logger;
    private readonly FeedbackLearning? _feedback;

    /// <param name="feedback">What votes taught, applied in fusion; null ranks without feedback.</param>
    public HybridRetriever(
        KnowledgeIndex index,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        PassageAssembler assembler,
        IOptionsMonitor<RetrievalOptions> options,
        ILogger<HybridRetriever> logger,
        FeedbackLearning? feedback = null)
    {
        _index = index;
        _embedder = embedder;
        _assembler = assembler;
        _options = options;
        _logger = logger;
        _feedback = feedback;
    }

    /// <summary>
    /// Retrieves evidence for <paramref name="question"/>. <paramref name="keywordQuery"/> replaces the text sent to the keyword
    /// route (e.g. with filler words removed); null sends the question.
    /// </summary>
    public async Task<RetrievalResult> RetrieveAsync(string question, string? keywordQuery = null, CancellationToken cancellationToken = default)
    {
        var options = _options.CurrentValue;
        var ranking = await RankAsync(question, options, keywordQuery, cancellationToken).ConfigureAwait(false);
        var passages = _assembler.Assemble(ranking.Hits, options.MaxPassages, options.ContextTokens);
        return ranking with { Passages = passages };
    }

    /// <summary>
    /// The fused chunk ranking for <paramref name="question"/> under explicit <paramref name="options"/>, without assembling
    /// passages (<see cref="RetrievalResult.Passages"/> is empty). The evaluation command compares settings through this.
    /// </summary>
    public async Task<RetrievalResult> RankAsync(string question, RetrievalOptions options, string? keywordQuery = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(options);
        var language = LanguageDetector.Detect(question);
        var vectorWeight = options.VectorWeight * (LanguageDetector.IsCjk(language) ? options.CjkVectorWeightFactor : 1.0);
        var vectorReason = LanguageDetector.IsCjk(language) ? "down-weighted for a Chinese/Japanese question: the embedding model is English-only" : "default";

        var vectorTask = vectorWeight > 0 ? SearchVectorsAsync(question, options.CandidatesPerRoute, cancellationToken) : Task.FromResult((ReadOnlyMemory<float>.Empty, (IReadOnlyList<ScoredId>?)null));
        var keywordTask = options.KeywordWeight > 0 ? SearchKeywordsAsync(keywordQuery ?? question, options.CandidatesPerRoute, cancellationToken) : Task.FromResult<IReadOnlyList<ScoredId>?>(null);
        await Task.WhenAll(vectorTask, keywordTask).ConfigureAwait(false);
        var (embedding, vectorHits) = await vectorTask.ConfigureAwait(false);
        var keywordHits = await keywordTask.ConfigureAwait(false);

        var routes = new List<RouteResult>();
        var uses = new List<RouteUse>();
        if (vectorHits is not null)
        {
            routes.Add(new RouteResult(VectorRoute, vectorWeight, vectorHits));
            uses.Add(new RouteUse(VectorRoute, Math.Round(vectorWeight, 3), vectorReason, vectorHits.Count));
        }

        if (keywordHits is not null)
        {
            routes.Add(new RouteResult(KeywordRoute, options.KeywordWeight, keywordHits));
            uses.Add(new RouteUse(KeywordRoute, Math.Round(options.KeywordWeight, 3), "default", keywordHits.Count));
        }

        // Feedback (Rag/Feedback): route weights learned per route set before fusion, bounded item factors after it.
        var feedback = _feedback is null ? null : await _feedback.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var weighted = feedback?.WeightRoutes(routes, uses) ?? routes;
        var fused = options.Fusion == FusionMethod.MinMax ? MinMaxFusion.Fuse(weighted) : ReciprocalRankFusion.Fuse(weighted, options.RrfK);
        fused = feedback?.Adjust(fused, embedding.Span) ?? fused;
        return new RetrievalResult([], fused, uses, embedding, language);
    }

    private async Task<(ReadOnlyMemory<float> Embedding, IReadOnlyList<ScoredId>? Hits)> SearchVectorsAsync(string question, int top, CancellationToken cancellationToken)
    {
        try
        {
            var embedding = await _embedder.GenerateVectorAsync(question, cancellationToken: cancellationToken).ConfigureAwait(false);
            var hits = await _index.Vectors.SearchAsync(embedding, top, cancellationToken).ConfigureAwait(false);
            return (embedding, hits);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RouteFailed(_logger, VectorRoute, exception);
            return (ReadOnlyMemory<float>.Empty, null);
        }
    }

    private async Task<IReadOnlyList<ScoredId>?> SearchKeywordsAsync(string query, int top, CancellationToken cancellationToken)
    {
        try
        {
            return await _index.Keywords.SearchAsync(query, top, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RouteFailed(_logger, KeywordRoute, exception);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "The {Route} route failed and was left out of this answer")]
        public static partial void RouteFailed(ILogger logger, string route, Exception exception);
    }
}
