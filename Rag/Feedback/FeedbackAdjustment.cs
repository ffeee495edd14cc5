namespace Assistant.Rag.Feedback;

/// <summary>What feedback did to one retrieved item's fused score, and why.</summary>
/// <param name="Multiplier">The factor applied to the fused score: <paramref name="Memory"/> × <paramref name="Prior"/>.</param>
/// <param name="Memory">Factor from votes on similar past questions (1 when none).</param>
/// <param name="Prior">Factor from the item's votes on any question (1 when none).</param>
/// <param name="Reason">A readable account of the votes behind both factors.</param>
public sealed record FeedbackAdjustment(double Multiplier, double Memory, double Prior, string Reason);
