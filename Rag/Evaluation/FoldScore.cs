namespace Assistant.Rag.Evaluation;

/// <summary>One configuration's cross-validated nDCG@10.</summary>
/// <param name="Name">The configuration.</param>
/// <param name="InFold">Mean over the folds of its nDCG@10 on the other K−1 folds (what a choice made on them sees).</param>
/// <param name="OutOfFold">Mean over the folds of its nDCG@10 on the held-out fold.</param>
public sealed record FoldScore(string Name, double InFold, double OutOfFold);
