namespace Assistant.Rag.Evaluation;

/// <summary>Mean nDCG@10 of a group of queries before and after the simulated votes.</summary>
public sealed record FeedbackGroupScore(int Queries, double Before, double After);
