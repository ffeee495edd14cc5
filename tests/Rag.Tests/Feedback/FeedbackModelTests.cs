using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Tests.Feedback;

public sealed class FeedbackModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly float[] Question = [1, 0, 0];
    private static readonly float[] Reworded = [0.95f, 0.31f, 0];   // cosine 0.95 with Question
    private static readonly float[] Unrelated = [0, 1, 0];

    private static readonly FeedbackOptions Options = new()
    {
        MemoryThreshold = 0.8,
        MaxMemoryBoost = 0.5,
        MaxMemoryPenalty = 0.5,
        MemoryPriorVotes = 1,
        MaxPriorEffect = 0.2,
        PriorVotes = 2,
        MinVoters = 5,
        MinQuestions = 1,
        MaxRouteEffect = 0.2,
        HalfLifeDays = 30,
    };

    // Two documents ranked for the question: a#0.0 first (cited [1]), b#0.0 second (cited [2]).
    private static readonly IReadOnlyList<FusedHit> Hits =
    [
        new("a#0.0", 0.9, new Dictionary<string, int> { ["keyword"] = 1, ["vector"] = 1 }),
        new("b#0.0", 0.8, new Dictionary<string, int> { ["keyword"] = 2, ["vector"] = 2 }),
        new("c#0.0", 0.5, new Dictionary<string, int> { ["keyword"] = 3 }),
    ];

    [Fact]
    public void WithoutVotesTheRankingIsReturnedUntouched()
    {
        var model = FeedbackModel.Build([], Options, Now);

        Assert.Same(Hits, model.Adjust(Hits, Question));
    }

    [Fact]
    public void ADownVoteOnTheSameQuestionLowersTheItemAndSaysWhy()
    {
        var model = FeedbackModel.Build([Answered("q1", Question, Vote("u1", VoteValue.Down, citation: 1))], Options, Now);

        var adjusted = model.Adjust(Hits, Question);

        Assert.Equal(["b#0.0", "a#0.0", "c#0.0"], adjusted.Select(h => h.ChunkId));
        var feedback = adjusted.Single(h => h.ChunkId == "a#0.0").Feedback!;
        Assert.Equal(1 - (0.5 * 1 / 2.0), feedback.Memory, precision: 6);
        Assert.True(feedback.Prior < 1);
        Assert.Equal(feedback.Memory * feedback.Prior, feedback.Multiplier, precision: 5);
        Assert.Contains("memory", feedback.Reason, StringComparison.Ordinal);
        Assert.Contains("prior", feedback.Reason, StringComparison.Ordinal);
        Assert.Null(adjusted.Single(h => h.ChunkId == "b#0.0").Feedback);
    }

    [Fact]
    public void VotesFromAnIgnoredChannelAreKeptButChangeNothing()
    {
        var options = new FeedbackOptions { MinVoters = 1, MinQuestions = 1 };
        options.IgnoredChannels.Add("test");

        var model = FeedbackModel.Build([Answered("q1", Question, Vote("u1", VoteValue.Down, citation: 1))], options, Now);

        Assert.Same(Hits, model.Adjust(Hits, Question));
    }

    [Fact]
    public void ASimilarQuestionBorrowsTheVoteWeightedBySimilarityAndAnUnrelatedOneDoesNot()
    {
        var model = FeedbackModel.Build([Answered("q1", Question, Vote("u1", VoteValue.Down, citation: 1))], Options, Now);

        var same = model.Adjust(Hits, Question).Single(h => h.ChunkId == "a#0.0").Feedback!;
        var similar = model.Adjust(Hits, Reworded).Single(h => h.ChunkId == "a#0.0").Feedback!;
        var unrelated = model.Adjust(Hits, Unrelated).Single(h => h.ChunkId == "a#0.0").Feedback!;

        Assert.InRange(similar.Memory, same.Memory + 1e-6, 1 - 1e-6);
        Assert.Equal(1.0, unrelated.Memory);
        Assert.Equal(same.Prior, unrelated.Prior);
    }

    [Fact]
    public void OneUsersHundredVotesOnAnItemMoveItNoFurtherThanOneVote()
    {
        var once = FeedbackModel.Build([Answered("q1", Question, Vote("spammer", VoteValue.Down, citation: 1))], Options, Now);
        var hundred = FeedbackModel.Build(
            [.. Enumerable.Range(0, 100).Select(i => Answered($"q{i}", Question, Vote("spammer", VoteValue.Down, citation: 1, minutesAgo: i)))],
            Options,
            Now);

        var a = once.Adjust(Hits, Question).Single(h => h.ChunkId == "a#0.0").Feedback!;
        var b = hundred.Adjust(Hits, Question).Single(h => h.ChunkId == "a#0.0").Feedback!;

        Assert.Equal(a.Memory, b.Memory, precision: 4);
        Assert.Equal(a.Prior, b.Prior, precision: 4);
    }

    [Fact]
    public void AUsersLaterVoteOnAnItemReplacesTheirEarlierOne()
    {
        var model = FeedbackModel.Build(
            [
                Answered("q1", Question, Vote("u1", VoteValue.Up, citation: 1, minutesAgo: 60)),
                Answered("q2", Unrelated, Vote("u1", VoteValue.Down, citation: 1, minutesAgo: 1)),
            ],
            Options,
            Now);

        var prior = model.Adjust(Hits, Unrelated).Single(h => h.ChunkId == "a#0.0").Feedback!.Prior;

        Assert.True(prior < 1, $"The later 👎 should rule, but the prior is ×{prior}.");
    }

    [Fact]
    public void APriorNeedsTheMinimumNumberOfVotersToMoveFully()
    {
        FeedbackModel ModelWith(int voters) => FeedbackModel.Build(
            [.. Enumerable.Range(0, voters).Select(u => Answered($"q{u}", Unrelated, Vote($"u{u}", VoteValue.Down, citation: 1)))], Options, Now);

        var prior = (IReadOnlyList<FusedHit> hits) => hits.Single(h => h.ChunkId == "a#0.0").Feedback!.Prior;
        var oneVoter = 1 - prior(ModelWith(1).Adjust(Hits, Question));
        var fiveVoters = 1 - prior(ModelWith(5).Adjust(Hits, Question));

        // One voter: smoothed lean 1/5 scaled by 1/5 of the voters needed; five voters: 5/9 at full scale.
        Assert.Equal(0.2 * (1 / 5.0) * (1 / 5.0), oneVoter, precision: 6);
        Assert.Equal(0.2 * (5 / 9.0), fiveVoters, precision: 6);
    }

    [Fact]
    public void VotesFromASingleQuestionMoveNoPriorAndVotesFromEnoughDistinctQuestionsMoveItFully()
    {
        var options = new FeedbackOptions { MinVoters = 1, MinQuestions = 3, PriorVotes = 2, MaxPriorEffect = 0.2 };
        float[][] distinct = [Question, Unrelated, [0, 0, 1]];
        var crowdOnOneQuestion = FeedbackModel.Build([.. Enumerable.Range(0, 10).Select(u => Answered($"q{u}", Question, Vote($"u{u}", VoteValue.Down, citation: 1)))], options, Now);
        var threeQuestions = FeedbackModel.Build([.. Enumerable.Range(0, 3).Select(u => Answered($"q{u}", distinct[u], Vote($"u{u}", VoteValue.Down, citation: 1)))], options, Now);

        var crowd = crowdOnOneQuestion.Adjust(Hits, Unrelated).Single(h => h.ChunkId == "a#0.0");
        var spread = threeQuestions.Adjust(Hits, [0.577f, 0.577f, 0.577f]).Single(h => h.ChunkId == "a#0.0").Feedback!;

        Assert.Null(crowd.Feedback);
        Assert.Equal(1 - (0.2 * 3 / 7.0), spread.Prior, precision: 6);
        Assert.Contains("3 distinct question(s)", spread.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryEffectStaysWithinItsBoundHoweverManyUsersVote()
    {
        var answers = Enumerable.Range(0, 500).Select(u => Answered($"q{u}", Question, Vote($"u{u}", VoteValue.Up, citation: 3))).ToList();
        var model = FeedbackModel.Build(answers, Options, Now);

        var feedback = model.Adjust(Hits, Question).Single(h => h.ChunkId == "c#0.0").Feedback!;

        Assert.InRange(feedback.Memory, 1.49, 1.5); // MaxMemoryBoost
        Assert.InRange(feedback.Prior, 1.19, 1.2);
        Assert.True(feedback.Multiplier <= 1.5 * 1.2);
    }

    [Fact]
    public void OldVotesWeighLessThanFreshOnes()
    {
        var fresh = FeedbackModel.Build([.. Enumerable.Range(0, 5).Select(u => Answered($"q{u}", Unrelated, Vote($"u{u}", VoteValue.Down, citation: 1)))], Options, Now);
        var old = FeedbackModel.Build([.. Enumerable.Range(0, 5).Select(u => Answered($"q{u}", Unrelated, Vote($"u{u}", VoteValue.Down, citation: 1, minutesAgo: 60 * 24 * 60)))], Options, Now);

        var freshPrior = fresh.Adjust(Hits, Question).Single(h => h.ChunkId == "a#0.0").Feedback!.Prior;
        var oldPrior = old.Adjust(Hits, Question).Single(h => h.ChunkId == "a#0.0").Feedback!.Prior;

        Assert.True(freshPrior < oldPrior && oldPrior < 1, $"fresh ×{freshPrior}, two half-lives old ×{oldPrior}");
    }

    [Fact]
    public void AVoteOnOneCitationConcernsOnlyThatSourceAndAWholeAnswerVoteConcernsEveryCitedSource()
    {
        var onCitation = FeedbackModel.Build([Answered("q1", Question, Vote("u1", VoteValue.Up, citation: 2))], Options, Now).Adjust(Hits, Question);
        var onAnswer = FeedbackModel.Build([Answered("q1", Question, Vote("u1", VoteValue.Up, citation: null))], Options, Now).Adjust(Hits, Question);

        Assert.Null(onCitation.Single(h => h.ChunkId == "a#0.0").Feedback);
        Assert.NotNull(onCitation.Single(h => h.ChunkId == "b#0.0").Feedback);
        Assert.NotNull(onAnswer.Single(h => h.ChunkId == "a#0.0").Feedback);
        Assert.NotNull(onAnswer.Single(h => h.ChunkId == "b#0.0").Feedback);
        Assert.NotNull(onAnswer.Single(h => h.ChunkId == "c#0.0").Feedback);
    }

    [Fact]
    public void UpVotesOnItemsOnlyOneRouteFoundRaiseThatRoutesWeightWithinItsBound()
    {
        // c#0.0 was found by the keyword route alone: 👍 on it from many users credits keyword and debits vector.
        var model = FeedbackModel.Build([.. Enumerable.Range(0, 50).Select(u => Answered($"q{u}", Question, Vote($"u{u}", VoteValue.Up, citation: 3)))], Options, Now);
        RouteResult[] routes = [new("vector", 1.0, Array.Empty<ScoredId>()), new("keyword", 1.0, Array.Empty<ScoredId>())];
        var uses = new List<RouteUse> { new("vector", 1.0, "default", 0), new("keyword", 1.0, "default", 0) };

        var weighted = model.WeightRoutes(routes, uses);

        var keyword = weighted.Single(r => r.Route == "keyword").Weight;
        var vector = weighted.Single(r => r.Route == "vector").Weight;
        Assert.InRange(keyword, 1.0001, 1.2);
        Assert.InRange(vector, 0.8, 0.9999);
        Assert.Contains("feedback", uses.Single(u => u.Name == "keyword").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACrowdOnOneQuestionMovesNoRouteWeightUntilVotesSpanEnoughQuestions()
    {
        var options = new FeedbackOptions { MinQuestions = 3, MinVoters = 5, MaxRouteEffect = 0.2, PriorVotes = 2, HalfLifeDays = 30 };
        RouteResult[] routes = [new("vector", 1.0, Array.Empty<ScoredId>()), new("keyword", 1.0, Array.Empty<ScoredId>())];
        float[][] distinct = [Question, Unrelated, [0, 0, 1]];

        var oneQuestion = FeedbackModel.Build([.. Enumerable.Range(0, 50).Select(u => Answered($"q{u}", Question, Vote($"u{u}", VoteValue.Up, citation: 3)))], options, Now);
        var threeQuestions = FeedbackModel.Build([.. Enumerable.Range(0, 51).Select(u => Answered($"q{u}", distinct[u % 3], Vote($"u{u}", VoteValue.Up, citation: 3)))], options, Now);

        Assert.Equal([1.0, 1.0], oneQuestion.WeightRoutes(routes, new List<RouteUse>()).Select(r => r.Weight));
        Assert.InRange(threeQuestions.WeightRoutes(routes, new List<RouteUse>()).Single(r => r.Route == "keyword").Weight, 1.0001, 1.2);
    }

    [Fact]
    public void RouteWeightsOfAnotherRouteSetAreNotTouched()
    {
        var model = FeedbackModel.Build([.. Enumerable.Range(0, 50).Select(u => Answered($"q{u}", Question, Vote($"u{u}", VoteValue.Up, citation: 3)))], Options, Now);
        RouteResult[] routes = [new("vector", 1.0, Array.Empty<ScoredId>()), new("graph", 1.0, Array.Empty<ScoredId>())];

        var weighted = model.WeightRoutes(routes, new List<RouteUse>());

        Assert.Equal([1.0, 1.0], weighted.Select(r => r.Weight));
    }

    private static Vote Vote(string user, VoteValue value, int? citation, int minutesAgo = 0) =>
        new("pending", user, "test", "conversation", value, Now.AddMinutes(-minutesAgo), citation);

    // An answer to a question with the embedding given, citing a [1], b [2] and c [3] as ranked in Hits.
    private static VotedAnswer Answered(string id, float[] embedding, Vote vote)
    {
        var citations = Hits.Select((h, i) => new Citation(i + 1, h.ChunkId, h.ChunkId, string.Empty, AnswerEvidenceBuilder.DocumentOf(h.ChunkId), h.ChunkId, [h.ChunkId])).ToList();
        return new VotedAnswer(id, "keyword+vector", embedding, Now.AddDays(-1), AnswerEvidenceBuilder.Build(Hits, citations), [vote with { AnswerId = id }]);
    }
}
