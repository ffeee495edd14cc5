namespace Assistant.Rag.Evaluation;

/// <summary>What the feedback simulation measured (nDCG@10 per group) and the spam checks.</summary>
/// <param name="Noise">Share of simulated votes that were flipped at random.</param>
/// <param name="Votes">Votes cast in round 1.</param>
/// <param name="Same">Voted queries asked again.</param>
/// <param name="Reworded">Voted queries asked again in other words (<see cref="QueryRewording"/>).</param>
/// <param name="Unvoted">Held-out queries that received no votes.</param>
/// <param name="Spam">The spam checks.</param>
/// <param name="SameCeiling">
/// nDCG@10 of the voted queries if every relevant cited document were moved to the top and nothing else changed: the
/// most that noise-free votes on the cited documents can buy.
/// </param>
public sealed record FeedbackSimulationResult(double Noise, int Votes, FeedbackGroupScore Same, FeedbackGroupScore Reworded, FeedbackGroupScore Unvoted, FeedbackSpamResult Spam, double SameCeiling);
