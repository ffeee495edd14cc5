using Assistant.Rag.Feedback;
using Assistant.Rag.Routing;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Retrieval;

/// <summary>
/// Retrieval for one question: the router picks among the registered routes (vector, keyword, and graph or sql when
/// configured), the chosen routes run in parallel under their time budget and are fused (<see cref="RouteFusion"/>), and
/// the fused head is optionally reordered by a second stage (<see cref="IReranker"/>, chosen by
/// <see cref="RetrievalOptions.Reranker"/>) before the ranking is assembled into passages. A route that fails or overruns is dropped from this question (and
/// logged); the others still answer.
/// </summary>
/// <remarks>Thread-safe; many questions may be retrieved at once.</remarks>
public sealed class HybridRetriever
{
    /// <summary>Name of the dense route.</summary>
    public const string VectorRoute = RouteNames.Vector;

    /// <summary>Name of the BM25 route.</summary>
    public const string KeywordRoute = RouteNames.Keyword;

    private readonly RouteFusion _routes;
    private readonly PassageAssembler _assembler;
    private readonly IOptionsMonitor<RetrievalOptions> _options;
    private readonly IReadOnlyList<IReranker> _rerankers;
    private readonly FeedbackLearning? _feedback;

    /// <summary>Retrieval through <paramref name="routes"/> (router, routes, budgets and fusion), then the configured <paramref name="rerankers"/>.</summary>
    /// <param name="routes">Router, routes, budgets and fusion.</param>
    /// <param name="assembler">Builds passages from the ranking.</param>
    /// <param name="options">Retrieval settings.</param>
    /// <param name="rerankers">Second stages; the one named by <see cref="RetrievalOptions.Reranker"/> runs.</param>
    /// <param name="feedback">What votes taught, applied in fusion; null ranks without feedback.</param>
    public HybridRetriever(RouteFusion routes, PassageAssembler assembler, IOptionsMonitor<RetrievalOptions> options, IEnumerable<IReranker>? rerankers = null, FeedbackLearning? feedback = null)
    {
        _routes = routes;
        _rerankers = [.. rerankers ?? []];
        _assembler = assembler;
        _options = options;
        _feedback = feedback;
    }

    /// <summary>The routing and fusion behind this retriever.</summary>
    public RouteFusion Routes => _routes;

    /// <summary>
    /// Retrieves evidence for <paramref name="question"/>: passages, and the tables of the structured routes the router
    /// chose (<see cref="RetrievalResult.Structured"/>). <paramref name="keywordQuery"/> replaces the text sent to the keyword
    /// route (e.g. with filler words removed); null sends the question. Only documents <paramref name="access"/> allows are
    /// searched (null: public documents only).
    /// </summary>
    public Task<RetrievalResult> RetrieveAsync(string question, string? keywordQuery = null, CancellationToken cancellationToken = default) =>
        RetrieveAsync(question, keywordQuery, null, cancellationToken);

    /// <summary>As <see cref="RetrieveAsync(string, string?, CancellationToken)"/>, filtered by the asker's <paramref name="access"/>.</summary>
    public async Task<RetrievalResult> RetrieveAsync(string question, string? keywordQuery, Access.AccessFilter? access, CancellationToken cancellationToken = default)
    {
        var options = _options.CurrentValue;
        ArgumentNullException.ThrowIfNull(question);
        var ranking = await RankAsync(new RetrievalRequest(question, keywordQuery, Structured: true, Access: access), options, cancellationToken).ConfigureAwait(false);
        var passages = _assembler.Assemble(ranking.Hits, options.MaxPassages, options.ContextTokens);
        return ranking with { Passages = passages };
    }

    /// <summary>
    /// The fused chunk ranking for <paramref name="question"/> under explicit <paramref name="options"/>, without assembling
    /// passages (<see cref="RetrievalResult.Passages"/> is empty). The evaluation command compares settings through this.
    /// </summary>
    public Task<RetrievalResult> RankAsync(string question, RetrievalOptions options, string? keywordQuery = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        return RankAsync(new RetrievalRequest(question, keywordQuery), options, cancellationToken);
    }

    /// <summary>As <see cref="RankAsync(string, RetrievalOptions, string?, CancellationToken)"/>, with routing and query expansion chosen per request.</summary>
    public async Task<RetrievalResult> RankAsync(RetrievalRequest request, RetrievalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        // Feedback (Rag/Feedback): route weights learned per route set before fusion, bounded item factors after it.
        var feedback = _feedback is null ? null : await _feedback.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var ranking = await _routes.RankAsync(request, options, feedback is null ? null : feedback.WeightRoutes, cancellationToken).ConfigureAwait(false);
        if (feedback is not null)
        {
            using var activity = RagTelemetry.ActivitySource.StartActivity("feedback");
            activity?.SetTag("assistant.feedback.votes", feedback.Votes);
            activity?.SetTag("assistant.feedback.hits", ranking.Hits.Count);
            ranking = ranking with { Hits = feedback.Adjust(ranking.Hits, ranking.QueryEmbedding.Span) };
        }

        var reranker = options.Reranker == RerankerKind.None ? null : _rerankers.FirstOrDefault(r => r.Kind == options.Reranker);

        // A reranker asked for but not registered (the LLM one without an LLM) leaves the fused order.
        return reranker is null
            ? ranking
            : ranking with { Hits = await RerankAsync(reranker, request.Question, ranking.Hits, options.RerankDepth, cancellationToken).ConfigureAwait(false) };
    }

    private static async Task<IReadOnlyList<FusedHit>> RerankAsync(IReranker reranker, string question, IReadOnlyList<FusedHit> hits, int depth, CancellationToken cancellationToken)
    {
        using var activity = RagTelemetry.ActivitySource.StartActivity("rerank");
        activity?.SetTag("assistant.reranker", reranker.Kind.ToString());
        activity?.SetTag("assistant.rerank.depth", Math.Min(depth, hits.Count));
        try
        {
            return await reranker.RerankAsync(question, hits, depth, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (RagTelemetry.Failed(activity, exception))
        {
            throw;
        }
    }
}
