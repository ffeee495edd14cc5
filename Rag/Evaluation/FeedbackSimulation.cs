using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Evaluation;

/// <summary>
/// Measures whether votes improve retrieval, through the product's own store, learning and retriever, each run over
/// throw-away feedback stores in <c>workFolder</c> (never the product's store).
/// Round 1 asks every query; the answers of the voted queries (all but every <see cref="HoldOutEvery"/>th) cite their
/// top <see cref="CitedDocuments"/> documents, and a simulated user votes 👍 on each cited document that is relevant
/// and 👎 on each that is not, flipping a <c>noise</c> share of the votes at random (seeded, so runs repeat). Round 2
/// asks the voted queries again, the same queries reworded, and the held-out queries. Then the spam checks: one user's
/// hundred 👎 against one, and ten users' 👎 on a relevant document seen from other queries.
/// </summary>
public sealed class FeedbackSimulation
{
    /// <summary>Every this-many-th query (in id order) is held out of voting.</summary>
    public const int HoldOutEvery = 5;

    /// <summary>Documents an answer cites (the bot's default passage count).</summary>
    public const int CitedDocuments = 5;

    /// <summary>Distinct simulated users, assigned to queries round-robin.</summary>
    public const int Users = 50;

    private const int SpamPairs = 20;
    private const int Repeats = 100;
    private const int Crowd = 10;
    private const string Channel = "eval";
    private const string SimulatedConversation = "simulation";

    private readonly Func<FeedbackLearning, HybridRetriever> _retrieverFor;
    private readonly string _workFolder;
    private readonly IOptionsMonitor<FeedbackOptions> _feedback;
    private readonly RetrievalOptions _retrieval;
    private int _stores;

    /// <param name="retrieverFor">Builds the product's retriever over the evaluation index, learning from the given model.</param>
    /// <param name="workFolder">Where the throw-away stores go; created if missing.</param>
    /// <param name="feedback">The learning settings to measure.</param>
    /// <param name="retrieval">The retrieval settings to measure.</param>
    public FeedbackSimulation(Func<FeedbackLearning, HybridRetriever> retrieverFor, string workFolder, IOptionsMonitor<FeedbackOptions> feedback, RetrievalOptions retrieval)
    {
        _retrieverFor = retrieverFor;
        _workFolder = workFolder;
        _feedback = feedback;
        _retrieval = retrieval;
        Directory.CreateDirectory(workFolder);
    }

    /// <summary>Runs the simulation; <paramref name="progress"/> gets a line per phase.</summary>
    public async Task<FeedbackSimulationResult> RunAsync(BeirDataset dataset, IReadOnlyList<(string Id, string Text)> queries, double noise, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(noise, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(noise, 1.0);
        var voted = queries.Where((_, i) => i % HoldOutEvery != HoldOutEvery - 1).ToList();
        var unvoted = queries.Where((_, i) => i % HoldOutEvery == HoldOutEvery - 1).ToList();
        var reworded = voted.Select(q => (q.Id, Text: QueryRewording.Reword(q.Text))).ToList();

        var session = NewSession();
        progress?.Report($"round 1: asking {queries.Count} queries and {reworded.Count} rewordings");
        var before = new Dictionary<string, RetrievalResult>(StringComparer.Ordinal);
        foreach (var (id, text) in queries)
        {
            before[id] = await session.AskAsync(text, cancellationToken).ConfigureAwait(false);
        }

        var rewordedBefore = new List<RetrievalResult>();
        foreach (var (_, text) in reworded)
        {
            rewordedBefore.Add(await session.AskAsync(text, cancellationToken).ConfigureAwait(false));
        }

        progress?.Report($"round 1: voting on {voted.Count} answers ({noise:P0} noise)");
        var random = new Random(20261129);
        var votes = 0;
        double ceiling = 0;
        for (var i = 0; i < voted.Count; i++)
        {
            var (id, text) = voted[i];
            var judged = dataset.Judgements[id];
            var answer = await session.RecordAsync(text, before[id], $"sim-{i % Users}", cancellationToken).ConfigureAwait(false);
            ceiling += CeilingOf(RetrievalEvaluator.RankDocuments(before[id].Hits), answer.Citations.Select(c => c.DocumentId), judged);
            foreach (var citation in answer.Citations)
            {
                var relevant = judged.TryGetValue(citation.DocumentId, out var grade) && grade > 0;
                var up = relevant != (random.NextDouble() < noise);
                await session.VoteAsync(answer.Id, $"sim-{i % Users}", up ? VoteValue.Up : VoteValue.Down, citation.N, cancellationToken).ConfigureAwait(false);
                votes++;
            }
        }

        progress?.Report("round 2: asking again");
        var same = await ScoreAsync(session, dataset, voted, q => before[q.Id], cancellationToken).ConfigureAwait(false);
        var rewordedScore = await ScoreAsync(session, dataset, reworded, q => rewordedBefore[reworded.IndexOf(q)], cancellationToken).ConfigureAwait(false);
        var unvotedScore = await ScoreAsync(session, dataset, unvoted, q => before[q.Id], cancellationToken).ConfigureAwait(false);

        progress?.Report("spam checks");
        var spam = await SpamAsync(dataset, voted, before, cancellationToken).ConfigureAwait(false);
        return new FeedbackSimulationResult(noise, votes, same, rewordedScore, unvotedScore, spam, ceiling / Math.Max(1, voted.Count));
    }

    // The ranking with the relevant cited documents moved to the top (in their order), everything else as it was.
    internal static double CeilingOf(IReadOnlyList<string> ranked, IEnumerable<string> cited, IReadOnlyDictionary<string, int> judged)
    {
        var promoted = cited.Where(d => judged.TryGetValue(d, out var grade) && grade > 0).ToHashSet(StringComparer.Ordinal);
        var best = ranked.Where(promoted.Contains).Concat(ranked.Where(d => !promoted.Contains(d))).ToList();
        return RetrievalMetrics.NdcgAt(best, judged, 10);
    }

    private static async Task<FeedbackGroupScore> ScoreAsync(Session session, BeirDataset dataset, List<(string Id, string Text)> group, Func<(string Id, string Text), RetrievalResult> before, CancellationToken cancellationToken)
    {
        double sumBefore = 0, sumAfter = 0;
        foreach (var query in group)
        {
            var judged = dataset.Judgements[query.Id];
            sumBefore += RetrievalMetrics.NdcgAt(RetrievalEvaluator.RankDocuments(before(query).Hits), judged, 10);
            var after = await session.AskAsync(query.Text, cancellationToken).ConfigureAwait(false);
            sumAfter += RetrievalMetrics.NdcgAt(RetrievalEvaluator.RankDocuments(after.Hits), judged, 10);
        }

        var n = Math.Max(1, group.Count);
        return new FeedbackGroupScore(group.Count, sumBefore / n, sumAfter / n);
    }

    private async Task<FeedbackSpamResult> SpamAsync(BeirDataset dataset, List<(string Id, string Text)> voted, Dictionary<string, RetrievalResult> before, CancellationToken cancellationToken)
    {
        var documentsBefore = before.ToDictionary(b => b.Key, b => RetrievalEvaluator.RankDocuments(b.Value.Hits), StringComparer.Ordinal);
        var pairs = voted
            .Select(q => (Query: q, Document: documentsBefore[q.Id].Take(CitedDocuments).FirstOrDefault(d => dataset.Judgements[q.Id].GetValueOrDefault(d) > 0)))
            .Where(p => p.Document is not null)
            .ToList();

        // One user, one 👎 against the same user's 👎 on a hundred answers to the same question (and each vote repeated).
        var repeat = pairs.Take(SpamPairs).ToList();
        var once = NewSession();
        var hundred = NewSession();
        foreach (var ((id, text), document) in repeat)
        {
            var spammer = $"spammer-{id}";
            var answer = await once.RecordAsync(text, before[id], spammer, cancellationToken).ConfigureAwait(false);
            await once.VoteAsync(answer.Id, spammer, VoteValue.Down, CitationOf(answer, document!), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < Repeats; i++)
            {
                answer = await hundred.RecordAsync(text, before[id], spammer, cancellationToken).ConfigureAwait(false);
                await hundred.VoteAsync(answer.Id, spammer, VoteValue.Down, CitationOf(answer, document!), cancellationToken).ConfigureAwait(false);
                if (i == 0)
                {
                    for (var again = 1; again < Repeats; again++)
                    {
                        await hundred.VoteAsync(answer.Id, spammer, VoteValue.Down, CitationOf(answer, document!), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        double rankBefore = 0, rankOnce = 0, rankHundred = 0;
        var movedFurther = 0;
        foreach (var ((id, text), document) in repeat)
        {
            var a = RankOf(await once.AskAsync(text, cancellationToken).ConfigureAwait(false), document!);
            var b = RankOf(await hundred.AskAsync(text, cancellationToken).ConfigureAwait(false), document!);
            rankBefore += RankOf(before[id], document!);
            rankOnce += a;
            rankHundred += b;
            movedFurther += b > a ? 1 : 0;
        }

        // Ten distinct users against a relevant document for one query; each pair in a fresh store.
        var crowd = pairs
            .Select(p => (p.Query, p.Document, Others: documentsBefore.Where(d => d.Key != p.Query.Id && d.Value.Take(10).Contains(p.Document)).Select(d => d.Key).ToList()))
            .Where(p => p.Others.Count > 0)
            .Take(SpamPairs)
            .ToList();
        int others = 0, kept = 0;
        double otherBefore = 0, otherAfter = 0;
        foreach (var ((id, text), document, otherIds) in crowd)
        {
            var store = NewSession();
            for (var user = 0; user < Crowd; user++)
            {
                var answer = await store.RecordAsync(text, before[id], $"crowd-{user}", cancellationToken).ConfigureAwait(false);
                await store.VoteAsync(answer.Id, $"crowd-{user}", VoteValue.Down, CitationOf(answer, document!), cancellationToken).ConfigureAwait(false);
            }

            foreach (var other in otherIds)
            {
                var rank = RankOf(await store.AskAsync(dataset.Queries[other], cancellationToken).ConfigureAwait(false), document!);
                others++;
                kept += rank <= 10 ? 1 : 0;
                otherBefore += RankOf(before[other], document!);
                otherAfter += rank;
            }
        }

        var r = Math.Max(1, repeat.Count);
        var o = Math.Max(1, others);
        return new FeedbackSpamResult(repeat.Count, rankBefore / r, rankOnce / r, rankHundred / r, movedFurther, crowd.Count, others, kept, otherBefore / o, otherAfter / o);
    }

    private static int CitationOf(Answer answer, string document) => answer.Citations.Single(c => c.DocumentId == document).N;

    private static int RankOf(RetrievalResult result, string document)
    {
        var index = RetrievalEvaluator.RankDocuments(result.Hits).ToList().IndexOf(document);
        return index < 0 ? RetrievalEvaluator.Depth + 1 : index + 1;
    }

    private Session NewSession()
    {
        var store = new SqliteFeedbackStore(Path.Combine(_workFolder, $"feedback-{++_stores}-{Guid.NewGuid():N}.db"), _feedback.CurrentValue);
        var learning = new FeedbackLearning(store, _feedback, TimeProvider.System, NullLogger<FeedbackLearning>.Instance);
        return new Session(new LearningFeedbackStore(store, learning), _retrieverFor(learning), _retrieval);
    }

    /// <summary>One throw-away store with its learning and retriever.</summary>
    private sealed class Session(IFeedbackStore store, HybridRetriever retriever, RetrievalOptions options)
    {
        public Task<RetrievalResult> AskAsync(string text, CancellationToken cancellationToken) => retriever.RankAsync(text, options, cancellationToken: cancellationToken);

        // The answer the bot would send: its top documents cited in rank order, each with the chunks the ranking found.
        public async Task<Answer> RecordAsync(string text, RetrievalResult result, string user, CancellationToken cancellationToken)
        {
            var documents = RetrievalEvaluator.RankDocuments(result.Hits).Take(CitedDocuments).ToList();
            var citations = documents.Select((d, i) => new Citation(i + 1, d, d, string.Empty, d, d, [.. result.Hits.Select(h => h.ChunkId).Where(c => RetrievalEvaluator.DocumentOf(c) == d)])).ToList();
            var now = DateTimeOffset.UtcNow;
            var answer = new Answer(Guid.CreateVersion7(now).ToString("N"), string.Empty, citations, result.Routes, text, AnswerKind.Extractive, now)
            {
                Evidence = AnswerEvidenceBuilder.Build(result.Hits, citations),
                QuestionEmbedding = result.QueryEmbedding,
            };
            await store.RecordAnswerAsync(new Turn(Channel, SimulatedConversation, user, text), answer, cancellationToken).ConfigureAwait(false);
            return answer;
        }

        public async Task VoteAsync(string answerId, string user, VoteValue value, int citation, CancellationToken cancellationToken)
        {
            if (!await store.RecordVoteAsync(new Vote(answerId, user, Channel, SimulatedConversation, value, DateTimeOffset.UtcNow, citation), cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The simulation's store refused a vote on its own answer {answerId}.");
            }
        }
    }
}
