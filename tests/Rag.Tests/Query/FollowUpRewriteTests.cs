using System.Globalization;
using Assistant.Rag.Memory;
using Assistant.Rag.Query;
using Xunit.Abstractions;

namespace Assistant.Rag.Tests.Query;

/// <summary>The rule-based follow-up rewrite, measured on the dialogue set in Query/Data/followups.jsonl.</summary>
public sealed class FollowUpRewriteTests(ITestOutputHelper output)
{
    // The floor under the measured accuracy (reported in the README); a change that loses ground fails here.
    private const double Floor = 0.85;

    [Fact]
    public void TheDialogueSetHasAtLeastFortyDialoguesInEnglishAndChinese()
    {
        var dialogues = FollowUpDialogue.Load();

        Assert.True(dialogues.Count >= 40, $"only {dialogues.Count} dialogues");
        Assert.True(dialogues.Count(d => d.Language == "en") >= 20);
        Assert.True(dialogues.Count(d => d.Language == "zh") >= 20);
        Assert.Contains(dialogues, d => d.SelfContained && d.Language == "en");
        Assert.Contains(dialogues, d => d.SelfContained && d.Language == "zh");
        Assert.All(dialogues.Where(d => !d.SelfContained), d => Assert.NotEmpty(d.Terms));
    }

    [Fact]
    public void TheRuleBasedRewriteGetsEnoughFollowUpsRightInBothLanguages()
    {
        var dialogues = FollowUpDialogue.Load();

        var results = dialogues.Select(d => (Dialogue: d, Rewritten: RuleBasedQuestionRewriter.Rewrite(d.Question, d.History))).ToList();

        foreach (var (dialogue, rewritten) in results.Where(r => !r.Dialogue.IsCorrect(r.Rewritten)))
        {
            output.WriteLine($"MISS {dialogue.Id}: \"{dialogue.Question}\" -> \"{rewritten}\"");
        }

        foreach (var language in (string[])["en", "zh"])
        {
            var part = results.Where(r => r.Dialogue.Language == language).ToList();
            var accuracy = (double)part.Count(r => r.Dialogue.IsCorrect(r.Rewritten)) / part.Count;
            var selfContained = part.Where(r => r.Dialogue.SelfContained).ToList();
            var later = part.Where(r => r.Dialogue.Id.Contains("-h", StringComparison.Ordinal)).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{language}: {accuracy:P1} of {part.Count} dialogues; self-contained left unchanged {selfContained.Count(r => r.Dialogue.IsCorrect(r.Rewritten))}/{selfContained.Count}; written after the rules (ids *-h*) {later.Count(r => r.Dialogue.IsCorrect(r.Rewritten))}/{later.Count}"));
            Assert.True(accuracy >= Floor, string.Create(CultureInfo.InvariantCulture, $"{language} rewrite accuracy {accuracy:P1} is below {Floor:P0}"));
        }
    }

    [Theory]
    [InlineData("How do I connect to the VPN from home?")]
    [InlineData("What is MFA?")]
    [InlineData("Who can take a sabbatical?")]
    [InlineData("上海办公室在哪里？")]
    [InlineData("年假有多少天？")]
    public void ASelfContainedQuestionIsLeftAsTyped(string question)
    {
        var history = History("How many days of annual leave do Berlin employees get?");

        Assert.Equal(question, RuleBasedQuestionRewriter.Rewrite(question, history));
    }

    [Fact]
    public void WithoutHistoryEvenAFollowUpIsLeftAsTyped()
    {
        Assert.Equal("and for contractors?", RuleBasedQuestionRewriter.Rewrite("and for contractors?", ConversationHistory.Empty));
    }

    [Fact]
    public void AnEntityOfTheSameKindIsSwappedNotAdded()
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite("what about Shanghai?", History("Which VPN gateway do colleagues in Berlin use?"));

        Assert.Equal("Which VPN gateway do colleagues in Shanghai use?", rewritten);
    }

    [Fact]
    public void APronounIsResolvedToThePreviousSubject()
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite("How long does it take?", History("How do I request an invitation letter for a visa?"));

        Assert.Equal("How long does invitation letter take?", rewritten);
    }

    [Fact]
    public void AChinesePronounIsResolvedToThePreviousTopic()
    {
        var rewritten = RuleBasedQuestionRewriter.Rewrite("这个要多久？", History("密码忘了怎么重置？"));

        Assert.Equal("密码忘了重置要多久？", rewritten);
    }

    [Fact]
    public void TheRewriteBuildsOnThePreviousStandaloneQuestionNotOnWhatWasTyped()
    {
        var history = new ConversationHistory(null, [new ConversationTurn("and for contractors?", "How many days of annual leave do contractors get?", "…", [], DateTimeOffset.UnixEpoch)]);

        var rewritten = RuleBasedQuestionRewriter.Rewrite("what about interns?", history);

        Assert.Equal("How many days of annual leave do interns get?", rewritten);
    }

    private static ConversationHistory History(string previous) =>
        new(null, [new ConversationTurn(previous, previous, "…", [], DateTimeOffset.UnixEpoch)]);
}
