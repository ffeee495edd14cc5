using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Feedback;

/// <summary>
/// How votes change ranking (configuration section "Rag:Feedback"). Every effect is a multiplier on an item's fused
/// score (or a route's fusion weight) held inside [1 - max, 1 + max]; the defaults were measured with
/// <c>eval &lt;dir&gt; --feedback-sim</c> on SciFact train.
/// </summary>
public sealed class FeedbackOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag:Feedback";

    /// <summary>False: votes are still stored, but ranking ignores them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cosine similarity from which a past voted question lends its votes to a new one (query-conditional memory).</summary>
    [Range(0.5, 1.0)]
    public double MemoryThreshold { get; set; } = 0.8;

    /// <summary>Largest raise the memory gives an item voted 👍 on similar questions (1.0: up to ×2).</summary>
    [Range(0.0, 3.0)]
    public double MaxMemoryBoost { get; set; } = 1.0;

    /// <summary>
    /// Largest cut the memory gives an item voted 👎 on similar questions (0.1: down to ×0.9). Smaller than the boost on
    /// purpose: a wrong 👎 on the right answer would otherwise bury it below unvoted results, while a wrong 👍 is
    /// usually matched by a right 👍 on the right answer. At 0.2 ten users' 👎 on one question pushed a relevant document
    /// out of the top 10 of a near-identical question (SciFact simulation), at 0.1 the gains were the same.
    /// </summary>
    [Range(0.0, 0.9)]
    public double MaxMemoryPenalty { get; set; } = 0.1;

    /// <summary>Pseudo-votes of the memory's neutral prior: one user's vote moves an item by 1 / (1 + this) of the maximum.</summary>
    [Range(0.1, 100.0)]
    public double MemoryPriorVotes { get; set; } = 0.5;

    /// <summary>Largest change an item's prior (its votes from all questions) makes to its score.</summary>
    [Range(0.0, 0.5)]
    public double MaxPriorEffect { get; set; } = 0.2;

    /// <summary>Pseudo-votes on each side of the Beta(a, a) prior that smooths an item's up/down counts.</summary>
    [Range(0.1, 100.0)]
    public double PriorVotes { get; set; } = 2.0;

    /// <summary>Distinct voters an item (or a route) needs before its prior can move fully; fewer scale the effect down in proportion.</summary>
    [Range(1, 1000)]
    public int MinVoters { get; set; } = 5;

    /// <summary>
    /// Distinct questions (less similar than <see cref="MemoryThreshold"/> to each other) an item's votes must come from
    /// before its prior can move fully; votes from a single question move no prior at all (1: no such requirement).
    /// Votes on one question say the item does not answer that question, which the memory already handles; a prior is
    /// about the item in general, so a crowd voting against a document on one question cannot bury it for others.
    /// </summary>
    [Range(1, 1000)]
    public int MinQuestions { get; set; } = 3;

    /// <summary>Largest change votes make to a route's fusion weight for one intent.</summary>
    [Range(0.0, 0.5)]
    public double MaxRouteEffect { get; set; } = 0.2;

    /// <summary>A vote's weight halves every this many days.</summary>
    [Range(1.0, 36500.0)]
    public double HalfLifeDays { get; set; } = 90;

    /// <summary>Answers older than this can no longer be voted on (the vote is refused as for an unknown answer).</summary>
    [Range(1, 36500)]
    public int AnswerRetentionDays { get; set; } = 365;

    /// <summary>
    /// Channels whose votes are stored but never change ranking: channels whose voters are not verified identities
    /// (the host adds "playground" when an open playground runs beside Teams or Slack).
    /// </summary>
    public IList<string> IgnoredChannels { get; } = [];

    /// <summary>Seconds after which the learned model is reloaded from the store even without a local vote (votes taken by other replicas).</summary>
    [Range(1, 86400)]
    public int RefreshSeconds { get; set; } = 60;
}
