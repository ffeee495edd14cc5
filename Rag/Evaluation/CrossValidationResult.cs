namespace Assistant.Rag.Evaluation;

/// <summary>What <see cref="CrossValidation.Run"/> found.</summary>
/// <param name="Folds">K.</param>
/// <param name="Configs">Every configuration's in-fold and out-of-fold nDCG@10.</param>
/// <param name="Chosen">The candidate chosen on each fold's K−1 other folds, by fold.</param>
/// <param name="ChosenInFold">Mean nDCG@10 of the chosen candidates on the folds they were chosen on.</param>
/// <param name="ChosenOutOfFold">Mean nDCG@10 of the chosen candidates on the folds they were not chosen on: the honest figure of the choice.</param>
public sealed record CrossValidationResult(int Folds, IReadOnlyList<FoldScore> Configs, IReadOnlyList<string> Chosen, double ChosenInFold, double ChosenOutOfFold);
