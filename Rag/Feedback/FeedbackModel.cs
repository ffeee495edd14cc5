using System.Globalization;
using System.Numerics.Tensors;
using Assistant.Rag.Generation;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Feedback;

/// <summary>
/// What the votes taught, as one immutable snapshot applied in the fusion step:
/// <list type="bullet">
/// <item>query-conditional memory: past voted questions whose embedding is within <see cref="FeedbackOptions.MemoryThreshold"/>
/// of the new one lend their votes to the documents they concerned, weighted by similarity;</item>
/// <item>item priors: smoothed, decayed up/down counts per document and per chunk, scaled down below
/// <see cref="FeedbackOptions.MinVoters"/> distinct voters;</item>
/// <item>route weights: per intent (route set), votes credit the routes that ranked the voted item and debit the others.</item>
/// </list>
/// Each user counts once per item (their latest vote), so repeating a vote moves nothing further. Every effect is a
/// multiplier within [1 − max, 1 + max] of its option.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FeedbackModel
{
    /// <summary>A route "found" a voted item when it ranked it this high or better.</summary>
    public const int RouteCreditDepth = 10;

    private readonly FeedbackOptions _options;
    private readonly Dictionary<string, VoteTally> _documents;
    private readonly Dictionary<string, VoteTally> _chunks;
    private readonly Dictionary<string, int> _questionsPerItem;
    private readonly Dictionary<(string Intent, string Route), VoteTally> _routes;
    private readonly Dictionary<string, int> _questionsPerIntent;
    private readonly float[] _questions;
    private readonly IReadOnlyList<MemoryVote>[] _questionVotes;
    private readonly int _dimensions;

    private FeedbackModel(
        FeedbackOptions options,
        Dictionary<string, VoteTally> documents,
        Dictionary<string, VoteTally> chunks,
        Dictionary<string, int> questionsPerItem,
        Dictionary<(string, string), VoteTally> routes,
        Dictionary<string, int> questionsPerIntent,
        float[] questions,
        IReadOnlyList<MemoryVote>[] questionVotes,
        int dimensions,
        int votes)
    {
        _options = options;
        _documents = documents;
        _chunks = chunks;
        _questionsPerItem = questionsPerItem;
        _routes = routes;
        _questionsPerIntent = questionsPerIntent;
        _questions = questions;
        _questionVotes = questionVotes;
        _dimensions = dimensions;
        Votes = votes;
    }

    /// <summary>A model that changes nothing.</summary>
    public static FeedbackModel Empty { get; } = new(new FeedbackOptions(), [], [], [], [], [], [], [], 0, 0);

    /// <summary>The options the model was built with.</summary>
    public FeedbackOptions Options => _options;

    /// <summary>Votes the model learned from.</summary>
    public int Votes { get; }

    /// <summary>Voted questions held in the memory.</summary>
    public int Questions => _questionVotes.Length;

    /// <summary>Learns from <paramref name="answers"/> as of <paramref name="now"/> (for decay).</summary>
    public static FeedbackModel Build(IReadOnlyList<VotedAnswer> answers, FeedbackOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(options);
        var latestDocument = new Dictionary<(string User, string Document), (int Value, DateTimeOffset At)>();
        var latestChunk = new Dictionary<(string User, string Chunk), (int Value, DateTimeOffset At)>();
        var routeSignals = new Dictionary<(string User, string Intent, string Route), (double Sum, int Count)>();
        var answersPerItem = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var answersPerIntent = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var normalisedQuestions = new float[answers.Count][];
        var questions = new List<float>();
        var questionVotes = new List<IReadOnlyList<MemoryVote>>();
        var dimensions = answers.Select(a => a.QuestionEmbedding.Length).FirstOrDefault(d => d > 0);
        var votes = 0;
        for (var a = 0; a < answers.Count; a++)
        {
            var answer = answers[a];
            normalisedQuestions[a] = Normalised(answer.QuestionEmbedding, dimensions);
            var cited = answer.Evidence.Where(e => e.Citation > 0).ToList();
            var routes = answer.Evidence.SelectMany(e => e.RouteRanks.Keys).Distinct(StringComparer.Ordinal).ToList();
            var inAnswer = new Dictionary<(string User, string Document), (int Value, DateTimeOffset At)>();
            foreach (var vote in answer.Votes)
            {
                // Votes from channels whose voters are not verified (an open playground) are kept, but teach nothing.
                if (options.IgnoredChannels.Contains(vote.Channel, StringComparer.Ordinal))
                {
                    continue;
                }

                var items = vote.Citation is int n ? cited.Where(e => e.Citation == n).ToList() : cited;
                if (items.Count == 0)
                {
                    continue;
                }

                votes++;
                var user = $"{vote.Channel}:{vote.UserId}";
                var value = (int)vote.Value;
                foreach (var document in items.Select(e => e.DocumentId).Distinct(StringComparer.Ordinal))
                {
                    KeepLatest(latestDocument, (user, document), value, vote.At);
                    KeepLatest(inAnswer, (user, document), value, vote.At);
                    AddTo(answersPerItem, document, a);
                }

                foreach (var chunk in items.Select(e => e.ChunkId).Distinct(StringComparer.Ordinal))
                {
                    KeepLatest(latestChunk, (user, chunk), value, vote.At);
                    AddTo(answersPerItem, chunk, a);
                }

                AddRouteSignals(routeSignals, user, answer.Intent, routes, items, value * VoteDecay.Weight(vote.At, now, options.HalfLifeDays));
                AddTo(answersPerIntent, answer.Intent, a);
            }

            if (inAnswer.Count > 0 && normalisedQuestions[a].Length > 0)
            {
                questions.AddRange(normalisedQuestions[a]);
                questionVotes.Add([.. inAnswer.Select(v => new MemoryVote(v.Key.User, v.Key.Document, v.Value.Value * VoteDecay.Weight(v.Value.At, now, options.HalfLifeDays)))]);
            }
        }

        var questionsPerIntent = answersPerIntent.ToDictionary(i => i.Key, i => DistinctQuestions(i.Value, normalisedQuestions, options.MemoryThreshold), StringComparer.Ordinal);
        var questionsPerItem = answersPerItem.ToDictionary(i => i.Key, i => DistinctQuestions(i.Value, normalisedQuestions, options.MemoryThreshold), StringComparer.Ordinal);

        var documents = Tally(latestDocument.Select(v => (v.Key.Document, v.Value.Value * VoteDecay.Weight(v.Value.At, now, options.HalfLifeDays))));
        var chunks = Tally(latestChunk.Select(v => (v.Key.Chunk, v.Value.Value * VoteDecay.Weight(v.Value.At, now, options.HalfLifeDays))));
        var routeTallies = new Dictionary<(string, string), VoteTally>();
        foreach (var ((_, intent, route), (sum, count)) in routeSignals)
        {
            routeTallies[(intent, route)] = routeTallies.GetValueOrDefault((intent, route)).Add(Math.Clamp(sum / count, -1, 1));
        }

        return new FeedbackModel(options, documents, chunks, questionsPerItem, routeTallies, questionsPerIntent, [.. questions], [.. questionVotes], dimensions, votes);
    }

    /// <summary>
    /// The routes with their fusion weights adjusted by the votes on answers retrieved under the same route set, each
    /// within ×(1 ± <see cref="FeedbackOptions.MaxRouteEffect"/>); <paramref name="uses"/> (same order) gets the new
    /// weights and the reason. Unvoted route sets come back unchanged.
    /// </summary>
    public IReadOnlyList<RouteResult> WeightRoutes(IReadOnlyList<RouteResult> routes, IList<RouteUse> uses)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(uses);
        if (_routes.Count == 0 || routes.Count < 2)
        {
            return routes;
        }

        var intent = RouteSet.Key(routes.Select(r => r.Route));
        var weighted = new List<RouteResult>(routes.Count);
        foreach (var route in routes)
        {
            if (!_routes.TryGetValue((intent, route.Route), out var tally) || tally.Voters == 0)
            {
                weighted.Add(route);
                continue;
            }

            // Like the priors, route weights are global: votes on a single question (however many voters) move none.
            var questions = _questionsPerIntent.GetValueOrDefault(intent);
            var multiplier = 1 + (_options.MaxRouteEffect * tally.Effect(_options.PriorVotes, _options.MinVoters) * Spread(questions));
            if (multiplier == 1)
            {
                weighted.Add(route);
                continue;
            }

            weighted.Add(route with { Weight = route.Weight * multiplier });
            for (var i = 0; i < uses.Count; i++)
            {
                if (uses[i].Name == route.Route)
                {
                    uses[i] = uses[i] with
                    {
                        Weight = Math.Round(route.Weight * multiplier, 3),
                        Reason = string.Create(CultureInfo.InvariantCulture, $"{uses[i].Reason}; feedback ×{multiplier:F3} from {tally.Voters} voters on {questions} distinct {intent} questions"),
                    };
                }
            }
        }

        return weighted;
    }

    /// <summary>
    /// The fused ranking with each hit's score multiplied by its memory and prior factors (recorded in
    /// <see cref="FusedHit.Feedback"/>), re-sorted best first; ties keep their order. <paramref name="questionEmbedding"/>
    /// empty (no vector route) leaves the memory out.
    /// </summary>
    public IReadOnlyList<FusedHit> Adjust(IReadOnlyList<FusedHit> hits, ReadOnlySpan<float> questionEmbedding)
    {
        ArgumentNullException.ThrowIfNull(hits);
        if (_documents.Count == 0 || hits.Count == 0)
        {
            return hits;
        }

        var memory = Recall(questionEmbedding);
        var adjusted = new List<FusedHit>(hits.Count);
        var changed = false;
        foreach (var hit in hits)
        {
            var feedback = AdjustmentFor(hit.ChunkId, memory);
            changed |= feedback is not null;
            adjusted.Add(feedback is null ? hit : hit with { Score = hit.Score * feedback.Multiplier, Feedback = feedback });
        }

        return changed ? [.. adjusted.Select((h, i) => (h, i)).OrderByDescending(x => x.h.Score).ThenBy(x => x.i).Select(x => x.h)] : hits;
    }

    private FeedbackAdjustment? AdjustmentFor(string chunkId, Dictionary<string, Recalled> memory)
    {
        var document = AnswerEvidenceBuilder.DocumentOf(chunkId);
        var hasDocument = _documents.TryGetValue(document, out var documentTally);
        var hasChunk = _chunks.TryGetValue(chunkId, out var chunkTally);
        var recalled = memory.TryGetValue(document, out var r) ? r : (Recalled?)null;
        if (!hasDocument && recalled is null)
        {
            return null;
        }

        var reasons = new List<string>(2);
        var memoryFactor = 1.0;
        if (recalled is { } m)
        {
            var tally = new VoteTally(m.Up, m.Down, m.Voters.Count);
            var lean = tally.Smoothed(_options.MemoryPriorVotes / 2);
            memoryFactor = 1 + ((lean >= 0 ? _options.MaxMemoryBoost : _options.MaxMemoryPenalty) * lean);
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"memory ×{memoryFactor:F3}: {m.Up:F2} up / {m.Down:F2} down from {m.Voters.Count} voter(s) on {m.Questions} similar question(s), best similarity {m.BestSimilarity:F2}"));
        }

        var priorFactor = 1.0;
        if (hasDocument)
        {
            var documentQuestions = _questionsPerItem.GetValueOrDefault(document);
            var documentEffect = documentTally.Effect(_options.PriorVotes, _options.MinVoters) * Spread(documentQuestions);
            var chunkEffect = hasChunk ? chunkTally.Effect(_options.PriorVotes, _options.MinVoters) * Spread(_questionsPerItem.GetValueOrDefault(chunkId)) : 0;
            priorFactor = 1 + (_options.MaxPriorEffect * (documentEffect + chunkEffect) / 2);
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"prior ×{priorFactor:F3}: document {documentTally.Up:F2} up / {documentTally.Down:F2} down from {documentTally.Voters} voter(s) on {documentQuestions} distinct question(s), this chunk {(hasChunk ? $"{chunkTally.Up:F2} up / {chunkTally.Down:F2} down" : "unvoted")}; full effect from {_options.MinVoters} voters on {_options.MinQuestions} questions"));
        }

        var multiplier = memoryFactor * priorFactor;
        return multiplier == 1.0 ? null : new FeedbackAdjustment(Math.Round(multiplier, 6), Math.Round(memoryFactor, 6), Math.Round(priorFactor, 6), string.Join("; ", reasons));
    }

    // Votes from one question move no prior (the memory handles that question); from MinQuestions or more, fully.
    private double Spread(int questions) => _options.MinQuestions <= 1 ? 1.0 : Math.Clamp((questions - 1.0) / (_options.MinQuestions - 1), 0, 1);

    // Per document: each user's vote from the most similar past question they voted on, weighted by how far the
    // similarity is above the threshold (0 at the threshold, 1 for the same question).
    private Dictionary<string, Recalled> Recall(ReadOnlySpan<float> question)
    {
        var recalled = new Dictionary<string, Recalled>(StringComparer.Ordinal);
        if (_questionVotes.Length == 0 || question.Length != _dimensions)
        {
            return recalled;
        }

        var norm = TensorPrimitives.Norm(question);
        if (norm <= 0)
        {
            return recalled;
        }

        var threshold = _options.MemoryThreshold;
        var best = new Dictionary<(string User, string Document), (double Weight, double Signal, double Similarity)>();
        var questions = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _questionVotes.Length; i++)
        {
            var similarity = TensorPrimitives.Dot(question, _questions.AsSpan(i * _dimensions, _dimensions)) / norm;
            if (similarity < threshold)
            {
                continue;
            }

            var weight = threshold >= 1 ? 1 : Math.Min(1, (similarity - threshold) / (1 - threshold));
            foreach (var vote in _questionVotes[i])
            {
                var key = (vote.User, vote.Document);
                if (!best.TryGetValue(key, out var seen) || weight > seen.Weight)
                {
                    best[key] = (weight, vote.Signal * weight, similarity);
                }

                if (!questions.TryGetValue(vote.Document, out var set))
                {
                    questions[vote.Document] = set = [];
                }

                set.Add(i);
            }
        }

        foreach (var ((user, document), (_, signal, similarity)) in best)
        {
            var current = recalled.TryGetValue(document, out var r) ? r : new Recalled([], 0, 0, questions[document].Count, 0);
            current.Voters.Add(user);
            recalled[document] = current with
            {
                Up = current.Up + Math.Max(0, signal),
                Down = current.Down + Math.Max(0, -signal),
                BestSimilarity = Math.Max(current.BestSimilarity, similarity),
            };
        }

        return recalled;
    }

    private static float[] Normalised(ReadOnlyMemory<float> embedding, int dimensions)
    {
        if (dimensions == 0 || embedding.Length != dimensions)
        {
            return [];
        }

        var normalised = embedding.ToArray();
        var norm = TensorPrimitives.Norm(normalised);
        if (norm <= 0)
        {
            return [];
        }

        TensorPrimitives.Divide(normalised, norm, normalised);
        return normalised;
    }

    // Greedy clustering of the questions behind an item's votes: a question within the memory threshold of an earlier
    // one is the same question asked again. Answers without an embedding count together as one question.
    private static int DistinctQuestions(HashSet<int> answers, float[][] questions, double threshold)
    {
        var representatives = new List<float[]>();
        var unknown = false;
        foreach (var answer in answers.Order())
        {
            var question = questions[answer];
            if (question.Length == 0)
            {
                unknown = true;
                continue;
            }

            if (!representatives.Any(r => TensorPrimitives.Dot(r, question) >= threshold))
            {
                representatives.Add(question);
            }
        }

        return representatives.Count + (unknown ? 1 : 0);
    }

    private static void AddTo(Dictionary<string, HashSet<int>> sets, string key, int value)
    {
        if (!sets.TryGetValue(key, out var set))
        {
            sets[key] = set = [];
        }

        set.Add(value);
    }

    private static void KeepLatest<TKey>(Dictionary<TKey, (int Value, DateTimeOffset At)> latest, TKey key, int value, DateTimeOffset at)
        where TKey : notnull
    {
        if (!latest.TryGetValue(key, out var seen) || at >= seen.At)
        {
            latest[key] = (value, at);
        }
    }

    // A vote credits the routes that ranked its items within the credit depth and debits those that did not, relative
    // to the routes' mean, so a vote on an item every route found says nothing about the routes.
    private static void AddRouteSignals(Dictionary<(string, string, string), (double Sum, int Count)> signals, string user, string intent, List<string> routes, List<AnswerEvidence> items, double signedWeight)
    {
        if (routes.Count < 2)
        {
            return;
        }

        foreach (var item in items)
        {
            var credits = routes.Select(r => item.RouteRanks.TryGetValue(r, out var rank) && rank <= RouteCreditDepth ? 1.0 : 0.0).ToList();
            var mean = credits.Average();
            for (var i = 0; i < routes.Count; i++)
            {
                var key = (user, intent, routes[i]);
                var (sum, count) = signals.GetValueOrDefault(key);
                signals[key] = (sum + (signedWeight * (credits[i] - mean)), count + 1);
            }
        }
    }

    private static Dictionary<string, VoteTally> Tally(IEnumerable<(string Item, double Signal)> signals)
    {
        var tallies = new Dictionary<string, VoteTally>(StringComparer.Ordinal);
        foreach (var (item, signal) in signals)
        {
            tallies[item] = tallies.GetValueOrDefault(item).Add(signal);
        }

        return tallies;
    }

    private readonly record struct MemoryVote(string User, string Document, double Signal);

    private readonly record struct Recalled(HashSet<string> Voters, double Up, double Down, int Questions, double BestSimilarity);
}
