using Assistant.Rag.Evaluation;

namespace Assistant.Rag.Tests.Evaluation;

public sealed class CrossValidationTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 1000).Select(i => $"q{i}")];

    [Fact]
    public void AQueryAlwaysLandsInTheSameFoldAndFoldsAreBalanced()
    {
        var folds = Ids.Select(id => CrossValidation.FoldOf(id, 5)).ToList();

        Assert.Equal(folds, Ids.Select(id => CrossValidation.FoldOf(id, 5)));
        Assert.All(folds.GroupBy(f => f), g => Assert.InRange(g.Count(), 150, 250));
        Assert.All(folds, f => Assert.InRange(f, 0, 4));
    }

    [Fact]
    public void AConfigurationNobodyTunedScoresTheSameInAndOutOfFold()
    {
        var steady = Result("steady", _ => 0.5);

        var result = CrossValidation.Run(Ids, [steady], ["steady"], 5);

        var score = Assert.Single(result.Configs);
        Assert.Equal(0.5, score.InFold, 9);
        Assert.Equal(0.5, score.OutOfFold, 9);
        Assert.Equal(0.5, result.ChosenOutOfFold, 9);
    }

    [Fact]
    public void AChoiceThatOnlyFitsTheQuestionsItWasChosenOnScoresLowerOutOfFold()
    {
        // "spiky" is excellent on fold 0's queries and poor elsewhere: chosen whenever fold 0 is among the training
        // folds (4 of 5 times), it then meets only its poor queries.
        var steady = Result("steady", _ => 0.5);
        var spiky = Result("spiky", id => CrossValidation.FoldOf(id, 5) == 0 ? 1.0 : 0.4);

        var result = CrossValidation.Run(Ids, [steady, spiky], ["steady", "spiky"], 5);

        Assert.Equal(["steady", "spiky", "spiky", "spiky", "spiky"], result.Chosen.OrderByDescending(c => c == "steady").ToArray());
        Assert.Equal((0.5 + (4 * 0.55)) / 5, result.ChosenInFold, 2); // the training folds differ a little in size
        Assert.Equal((0.5 + (4 * 0.4)) / 5, result.ChosenOutOfFold, 9);
        Assert.True(result.ChosenOutOfFold < result.Configs.Single(c => c.Name == "steady").OutOfFold);
    }

    [Fact]
    public void OnlyTheCandidatesAreChosenFrom()
    {
        var result = CrossValidation.Run(Ids, [Result("keyword", _ => 0.9), Result("hybrid", _ => 0.6)], ["hybrid"], 5);

        Assert.All(result.Chosen, c => Assert.Equal("hybrid", c));
        Assert.Equal(0.6, result.ChosenOutOfFold, 9);
    }

    [Fact]
    public void AResultWithoutOneScorePerQueryIsRefused()
    {
        var broken = new ConfigResult("broken", 0, 0, 0, 0, 0, 0) { PerQueryNdcg10 = [0.5] };

        Assert.Throws<ArgumentException>(() => CrossValidation.Run(Ids, [broken], ["broken"], 5));
    }

    private static ConfigResult Result(string name, Func<string, double> score)
    {
        var scores = Ids.Select(score).ToArray();
        return new ConfigResult(name, scores.Average(), 0, 0, 0, 0, 0) { PerQueryNdcg10 = scores };
    }
}
