namespace Assistant.Rag.Evaluation;

/// <summary>The spam checks of the feedback simulation.</summary>
/// <param name="RepeatPairs">(query, relevant cited document) pairs one user voted down on.</param>
/// <param name="RankBefore">Mean rank of those documents before any vote.</param>
/// <param name="RankAfterOneVote">Mean rank after one 👎 by one user.</param>
/// <param name="RankAfterHundredVotes">Mean rank after the same user's 👎 on a hundred answers to the same question.</param>
/// <param name="MovedFurther">Pairs where a hundred votes moved the document further than one vote did (target 0).</param>
/// <param name="CrowdPairs">(query, relevant cited document) pairs ten distinct users voted down on, each in a fresh store.</param>
/// <param name="OtherQueries">(other query, document) cases where the document was in the other query's top 10 before.</param>
/// <param name="KeptInTop10">Of those, how many kept it in the top 10 after the ten votes.</param>
/// <param name="OtherRankBefore">Mean rank of the document for the other queries before.</param>
/// <param name="OtherRankAfter">Mean rank after.</param>
public sealed record FeedbackSpamResult(
    int RepeatPairs,
    double RankBefore,
    double RankAfterOneVote,
    double RankAfterHundredVotes,
    int MovedFurther,
    int CrowdPairs,
    int OtherQueries,
    int KeptInTop10,
    double OtherRankBefore,
    double OtherRankAfter);
