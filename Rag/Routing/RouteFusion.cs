using System.Numerics.Tensors;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Routing;

/// <summary>
/// The ranking half of retrieval: asks the router which registered routes to run, expands the question when switched
/// on (RAG-Fusion, step-back, HyDE), runs every (query, route) search in parallel under the per-route budget, fuses each
/// query's routes (min-max, z-score or weighted RRF, as configured) and the queries' rankings with RRF.
/// </summary>
/// <remarks>
/// Thread-safe. Route weights are the router's weight times the configured weight (<see cref="RetrievalOptions.VectorWeight"/>,
/// <see cref="RetrievalOptions.KeywordWeight"/>, and for Chinese and Japanese questions <see cref="RetrievalOptions.CjkVectorWeightFactor"/>);
/// a route at weight 0 does not run. The question is embedded once, for the router and the vector route.
/// </remarks>
public sealed partial class RouteFusion
{
    private const string CjkNote = "down-weighted for a Chinese/Japanese question: the embedding model is English-only";

    private readonly IReadOnlyList<IRetrievalRoute> _routes;
    private readonly IReadOnlyList<IStructuredRoute> _structured;
    private readonly IIntentRouter _router;
    private readonly QueryExpander _expander;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly RouteRunner _runner;
    private readonly IOptionsMonitor<RoutingOptions> _routing;
    private readonly IOptionsMonitor<QueryExpansionOptions> _expansion;
    private readonly ILogger _logger;

    /// <summary>
    /// Ranking over <paramref name="routes"/>, with <paramref name="structuredRoutes"/> (sql, graph) for the router to choose
    /// beside them; <paramref name="expander"/> expands when an LLM is configured and <paramref name="expansion"/> switches it on.
    /// </summary>
    public RouteFusion(
        IEnumerable<IRetrievalRoute> routes,
        IIntentRouter router,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        RouteRunner runner,
        QueryExpander expander,
        IOptionsMonitor<RoutingOptions> routing,
        IOptionsMonitor<QueryExpansionOptions> expansion,
        ILogger<RouteFusion> logger,
        IEnumerable<IStructuredRoute>? structuredRoutes = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _routes = [.. routes];
        _structured = [.. structuredRoutes ?? []];
        var duplicate = _routes.Cast<IRoute>().Concat(_structured).GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two retrieval routes are named '{duplicate.Key}'.", nameof(routes));
        }

        _router = router;
        _embedder = embedder;
        _runner = runner;
        _routing = routing;
        _logger = logger;
        _expander = expander;
        _expansion = expansion;
        if (expansion.CurrentValue.AnyOn && !expander.IsAvailable)
        {
            Log.ExpansionWithoutLlm(_logger);
        }
    }

    /// <summary>The registered text routes.</summary>
    public IReadOnlyList<IRetrievalRoute> Routes => _routes;

    /// <summary>The registered structured routes (sql, graph).</summary>
    public IReadOnlyList<IStructuredRoute> StructuredRoutes => _structured;

    /// <summary>True when query expansion can take effect (an LLM is configured).</summary>
    public bool CanExpand => _expander.IsAvailable;

    /// <summary>
    /// The fused chunk ranking for <paramref name="request"/> under <paramref name="options"/>
    /// (<see cref="RetrievalResult.Passages"/> is empty). Never throws for a failing route or LLM; those are left out and logged.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<RetrievalResult> RankAsync(RetrievalRequest request, RetrievalOptions options, CancellationToken cancellationToken = default) =>
        RankAsync(request, options, weighRoutes: null, cancellationToken);

    /// <summary>
    /// As <see cref="RankAsync(RetrievalRequest, RetrievalOptions, CancellationToken)"/>; <paramref name="weighRoutes"/>
    /// adjusts each query's route results before they are fused (and the reported <see cref="RouteUse"/>s with them),
    /// e.g. with weights learned from feedback.
    /// </summary>
    public async Task<RetrievalResult> RankAsync(
        RetrievalRequest request,
        RetrievalOptions options,
        Func<IReadOnlyList<RouteResult>, IList<RouteUse>, IReadOnlyList<RouteResult>>? weighRoutes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var question = request.Question;
        var language = LanguageDetector.Detect(question);
        var cjk = LanguageDetector.IsCjk(language);
        double Configured(string name) => name switch
        {
            RouteNames.Vector => options.VectorWeight * (cjk ? options.CjkVectorWeightFactor : 1.0),
            RouteNames.Keyword => options.KeywordWeight,
            _ => 1.0,
        };

        var runnable = _routes.Where(r => Configured(r.Name) > 0).ToList();
        IReadOnlyList<IStructuredRoute> structured = request.Structured ? _structured : [];
        IReadOnlyList<IRoute> available = [.. runnable, .. structured];
        var routed = request.Routed && _routing.CurrentValue.Enabled;
        var budget = TimeSpan.FromMilliseconds(_routing.CurrentValue.RouteBudgetMilliseconds);
        var top = options.CandidatesPerRoute;

        // BM25 needs no embedding and nearly every decision includes it: start it now, beside embedding and routing, and
        // drop its result if the router leaves it out.
        var original = new RouteQuery(question, request.KeywordQuery ?? question, language, ReadOnlyMemory<float>.Empty, request.Access);
        var keyword = runnable.FirstOrDefault(r => r.Name == RouteNames.Keyword);
        var earlyKeyword = keyword is null ? null : _runner.SearchAsync(keyword, original, top, budget, cancellationToken);
        // The router needs the embedding only when it has a choice to make; with BM25 alone (a Chinese question while no
        // graph or sql route is registered) cue words still explain the decision and the question is not embedded.
        var embedding = (routed && available.Count > 1) || runnable.Any(r => r.Name == RouteNames.Vector)
            ? await EmbedAsync(question, cancellationToken).ConfigureAwait(false)
            : ReadOnlyMemory<float>.Empty;
        var decision = await DecideAsync(routed, new RoutingQuestion(question, language, embedding), available, cancellationToken).ConfigureAwait(false);

        // Structured routes answer the question itself (no expansion, no fusion): started now, beside the text searches.
        var answers = decision.Routes
            .Select(w => (Route: structured.FirstOrDefault(r => r.Name == w.Name), w.Weight))
            .Where(c => c.Route is not null && c.Weight > 0)
            .Select(async c => (c.Route!.Name, c.Weight, Reply: await _runner.AnswerAsync(c.Route!, question, language, TimeSpan.FromMilliseconds(_routing.CurrentValue.StructuredRouteBudgetMilliseconds), request.Access, cancellationToken).ConfigureAwait(false)))
            .ToList();

        var chosen = decision.Routes
            .Select(w => (Route: runnable.FirstOrDefault(r => r.Name == w.Name), Weight: w.Weight * Configured(w.Name)))
            .Where(c => c.Route is not null && c.Weight > 0)
            .Select(c => (Route: c.Route!, c.Weight))
            .ToList();

        var expansion = await _expander.ExpandAsync(question, request.Expansion ?? _expansion.CurrentValue, cancellationToken).ConfigureAwait(false);
        var queries = await QueriesAsync(request, language, embedding, expansion, cancellationToken).ConfigureAwait(false);

        var searches = queries.Select(q => chosen
            .Where(c => q.Original || RouteNames.IsText(c.Route.Name))
            .Select(async c => (c.Route.Name, c.Weight, Hits: await (q.Original && c.Route == keyword && earlyKeyword is not null
                ? earlyKeyword
                : _runner.SearchAsync(c.Route, q.Query, top, budget, cancellationToken)).ConfigureAwait(false)))
            .ToList()).ToList();
        await Task.WhenAll(searches.SelectMany(s => s)).ConfigureAwait(false);

        using var fusion = RagTelemetry.ActivitySource.StartActivity("fusion");
        fusion?.SetTag("assistant.fusion.method", options.Fusion.ToString());
        fusion?.SetTag("assistant.fusion.queries", queries.Count);
        var rankings = new List<IReadOnlyList<FusedHit>>();
        var uses = new List<RouteUse>();
        for (var i = 0; i < searches.Count; i++)
        {
            var results = new List<RouteResult>();
            foreach (var search in searches[i])
            {
                var (name, weight, hits) = await search.ConfigureAwait(false);
                if (hits is null)
                {
                    continue;
                }

                results.Add(new RouteResult(name, weight, hits));
                if (queries[i].Original)
                {
                    uses.Add(new RouteUse(name, Math.Round(weight, 3), Reason(decision, name, cjk && name == RouteNames.Vector, expansion), hits.Count));
                }
            }

            IReadOnlyList<RouteResult> weighted = weighRoutes is null ? results : weighRoutes(results, queries[i].Original ? uses : new List<RouteUse>());
            rankings.Add(options.Fusion switch
            {
                FusionMethod.MinMax => MinMaxFusion.Fuse(weighted),
                FusionMethod.ZScore => ZScoreFusion.Fuse(weighted),
                _ => ReciprocalRankFusion.Fuse(weighted, options.RrfK),
            });
        }

        var evidence = new List<StructuredEvidence>();
        foreach (var answer in answers)
        {
            var (name, weight, reply) = await answer.ConfigureAwait(false);
            if (reply is null)
            {
                continue;
            }

            evidence.Add(new StructuredEvidence(name, Math.Round(weight, 3), reply));
            uses.Add(new RouteUse(name, Math.Round(weight, 3), Reason(decision, name, cjkVector: false, expansion), reply.Table?.Rows.Count ?? 0));
        }

        if (earlyKeyword is not null && !chosen.Any(c => c.Route == keyword))
        {
            await earlyKeyword.ConfigureAwait(false); // not chosen: finished only so that nothing runs on unobserved
        }

        var fused = rankings.Count == 1 ? rankings[0] : FuseQueries(rankings, options.RrfK);
        fusion?.SetTag("assistant.fusion.routes", uses.Count);
        fusion?.SetTag("assistant.fusion.hits", fused.Count);
        // The embedding is reported only when the vector route searched with it: a Chinese question is embedded for the
        // router alone once structured routes are registered, and the English-only model's similarity must not then
        // weigh in the answer or in feedback as if dense retrieval had run.
        var searchedWith = chosen.Any(c => c.Route.Name == RouteNames.Vector) ? embedding : ReadOnlyMemory<float>.Empty;
        return new RetrievalResult([], fused, uses, searchedWith, language) { Structured = evidence };
    }

    /// <summary>
    /// RAG-Fusion's second step: reciprocal-rank fusion of the per-query rankings (each weight 1). A chunk keeps, per
    /// route, its best rank over the queries.
    /// </summary>
    public static IReadOnlyList<FusedHit> FuseQueries(IReadOnlyList<IReadOnlyList<FusedHit>> rankings, int k)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        var merged = new Dictionary<string, (double Score, int First, Dictionary<string, int> Ranks)>(StringComparer.Ordinal);
        foreach (var ranking in rankings)
        {
            for (var rank = 1; rank <= ranking.Count; rank++)
            {
                var hit = ranking[rank - 1];
                if (!merged.TryGetValue(hit.ChunkId, out var entry))
                {
                    entry = (0, merged.Count, new Dictionary<string, int>(StringComparer.Ordinal));
                }

                foreach (var (route, routeRank) in hit.RouteRanks)
                {
                    entry.Ranks[route] = entry.Ranks.TryGetValue(route, out var best) ? Math.Min(best, routeRank) : routeRank;
                }

                merged[hit.ChunkId] = (entry.Score + (1.0 / (k + rank)), entry.First, entry.Ranks);
            }
        }

        return [.. merged.OrderByDescending(m => m.Value.Score).ThenBy(m => m.Value.First).Select(m => new FusedHit(m.Key, m.Value.Score, m.Value.Ranks))];
    }

    private async Task<RouteDecision> DecideAsync(bool routed, RoutingQuestion question, IReadOnlyList<IRoute> runnable, CancellationToken cancellationToken)
    {
        using var activity = RagTelemetry.ActivitySource.StartActivity("route decision");
        try
        {
            var decision = routed
                ? await _router.RouteAsync(question, runnable, cancellationToken).ConfigureAwait(false)
                : FixedIntentRouter.Decide(runnable);
            var routes = string.Join(",", decision.Routes.Select(r => r.Name));
            Log.Routed(_logger, decision.Router, decision.Primary, decision.Confidence, routes);
            // The reason is left out: it may quote the question's cue words.
            activity?.SetTag("assistant.router", decision.Router);
            activity?.SetTag("assistant.route.primary", decision.Primary);
            activity?.SetTag("assistant.route.confidence", decision.Confidence);
            activity?.SetTag("assistant.routes", routes);
            return decision;
        }
        catch (Exception exception) when (RagTelemetry.Failed(activity, exception))
        {
            throw;
        }
    }

    private async Task<List<(RouteQuery Query, bool Original)>> QueriesAsync(RetrievalRequest request, string language, ReadOnlyMemory<float> embedding, QueryExpansion expansion, CancellationToken cancellationToken)
    {
        var vector = embedding;
        if (expansion.Hypothetical is { } hypothetical)
        {
            // HyDE: the hypothetical answer's embedding averaged with the question's, so a wrong guess cannot pull the search entirely away.
            var answer = await EmbedAsync(hypothetical, cancellationToken).ConfigureAwait(false);
            if (!answer.IsEmpty)
            {
                vector = embedding.IsEmpty ? answer : Mean(embedding.Span, answer.Span);
            }
        }

        var queries = new List<(RouteQuery, bool)> { (new RouteQuery(request.Question, request.KeywordQuery ?? request.Question, language, vector, request.Access), true) };
        foreach (var text in expansion.Alternatives.Append(expansion.StepBack).OfType<string>())
        {
            queries.Add((new RouteQuery(text, text, LanguageDetector.Detect(text), ReadOnlyMemory<float>.Empty, request.Access), false));
        }

        return queries;
    }

    private static float[] Mean(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var mean = new float[a.Length];
        TensorPrimitives.Add(a, b, mean);
        TensorPrimitives.Divide(mean, TensorPrimitives.Norm(mean), mean);
        return mean;
    }

    private static string Reason(RouteDecision decision, string route, bool cjkVector, QueryExpansion expansion)
    {
        var reason = cjkVector ? $"{decision.Reason}; {CjkNote}" : decision.Reason;
        if (!RouteNames.IsText(route))
        {
            return reason;
        }

        var added = new List<string>();
        if (expansion.Alternatives.Count > 0)
        {
            added.Add($"{expansion.Alternatives.Count} rephrasings");
        }

        if (expansion.StepBack is not null)
        {
            added.Add("a step-back question");
        }

        if (expansion.Hypothetical is not null && route == RouteNames.Vector)
        {
            added.Add("a hypothetical answer");
        }

        return added.Count > 0 ? $"{reason}; with {string.Join(", ", added)}" : reason;
    }

    private async Task<ReadOnlyMemory<float>> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            return await _embedder.GenerateVectorAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.EmbeddingFailed(_logger, exception);
            return ReadOnlyMemory<float>.Empty;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Embedding the question failed; routing on cue words and leaving the vector route to retry")]
        public static partial void EmbeddingFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Rag:Query switches query expansion on, but no LLM is configured (Llm:Endpoint): it stays off")]
        public static partial void ExpansionWithoutLlm(ILogger logger);

        [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "The {Router} router chose {Routes} (looks like {Primary}, confidence {Confidence:F2})")]
        public static partial void Routed(ILogger logger, string router, string primary, double confidence, string routes);
    }
}
