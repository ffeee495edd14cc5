using System.Text.RegularExpressions;
using Assistant.Rag.Generation;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests;

/// <summary>Questions end to end through the engine with the extractive generator, over a real index.</summary>
public sealed partial class AssistantEngineTests : IClassFixture<IndexedKnowledgeBase>
{
    private readonly IndexedKnowledgeBase _kb;

    public AssistantEngineTests(IndexedKnowledgeBase kb) => _kb = kb;

    [Fact]
    public async Task AQuestionAboutAFactGetsAnExtractiveAnswerCitingItsDocument()
    {
        // Arrange
        var engine = _kb.Engine.Assistant();

        // Act
        var answer = await engine.AnswerAsync(Ask("How much is the daily meal allowance for business trips in Germany?"));

        // Assert
        Assert.Equal(AnswerKind.Extractive, answer.Kind);
        Assert.Contains("[1]", answer.Text, StringComparison.Ordinal);
        Assert.Contains("28 euros", answer.Text, StringComparison.Ordinal);
        Assert.Equal(KnowledgeBase.Travel.Id, answer.Citations[0].DocumentId);
        Assert.Equal(KnowledgeBase.Travel.Title, answer.Citations[0].Title);
        Assert.NotEmpty(answer.Citations[0].ChunkIds);
        AssertMarkersMatchCitations(answer);
    }

    [Theory]
    [InlineData("What portal address do I enter in GlobalProtect?", "kb:vpn.md")]
    [InlineData("How many weeks of paid parental leave do employees get?", "kb:leave.md")]
    [InlineData("Whom do I tell when I lose my badge?", "kb:badge.md")]
    public async Task EveryMarkerHasACitationAndEveryCitationAMarker(string question, string expectedDocument)
    {
        // Arrange
        var engine = _kb.Engine.Assistant();

        // Act
        var answer = await engine.AnswerAsync(Ask(question));

        // Assert
        Assert.Equal(AnswerKind.Extractive, answer.Kind);
        AssertMarkersMatchCitations(answer);
        Assert.Equal(expectedDocument, answer.Citations[0].DocumentId);
    }

    [Fact]
    public async Task AnUnrelatedQuestionGetsNoEvidenceAndNoCitations()
    {
        // Arrange
        var engine = _kb.Engine.Assistant();

        // Act
        var answer = await engine.AnswerAsync(Ask("What is the capital of Peru?"));

        // Assert
        Assert.Equal(AnswerKind.NoEvidence, answer.Kind);
        Assert.Empty(answer.Citations);
        Assert.Equal(ExtractiveAnswerGenerator.NoEvidenceText, answer.Text);
        Assert.DoesNotMatch(MarkerPattern(), answer.Text);
    }

    public static TheoryData<string, string> BadQuestions() => new()
    {
        { string.Empty, "Please type a question." },
        { "   \t\n  ", "Please type a question." },
        { new string('a', 100_000), "too long" },
        { "\0\u0001\u0002\u0003\u0004binary", "doesn't look like text" },
        { "\u0001\u0002\u0003\u0004\u0005\u0006", "doesn't look like text" },
        { "?!… ---", "in words" },
    };

    [Theory]
    [MemberData(nameof(BadQuestions))]
    public async Task ABadQuestionIsRejectedWithAClearMessageAndNoException(string question, string expected)
    {
        // Arrange
        var engine = _kb.Engine.Assistant();

        // Act
        var answer = await engine.AnswerAsync(Ask(question));

        // Assert
        Assert.Equal(AnswerKind.Rejected, answer.Kind);
        Assert.Empty(answer.Citations);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.True(answer.Text.Length < 200, "the message should not echo the question back");
    }

    [Fact]
    public async Task AChineseQuestionGetsAChineseAnswerCitingTheChineseDocument()
    {
        // Arrange
        var engine = _kb.Engine.Assistant();

        // Act
        var answer = await engine.AnswerAsync(Ask("差旅费用报销要在多少天内提交？"));

        // Assert
        Assert.Equal(AnswerKind.Extractive, answer.Kind);
        Assert.Equal(LanguageDetector.Chinese, LanguageDetector.Detect(MarkerPattern().Replace(answer.Text, string.Empty)));
        Assert.Contains("三十天", answer.Text, StringComparison.Ordinal);
        Assert.Equal(KnowledgeBase.Expenses.Id, answer.Citations[0].DocumentId);
        AssertMarkersMatchCitations(answer);
    }

    [Fact]
    public async Task AnUnrelatedChineseQuestionGetsTheChineseNoEvidenceMessage()
    {
        // Arrange
        var engine = _kb.Engine.Assistant();

        // Act
        var answer = await engine.AnswerAsync(Ask("秘鲁的首都是哪里？"));

        // Assert
        Assert.Equal(AnswerKind.NoEvidence, answer.Kind);
        Assert.Empty(answer.Citations);
        Assert.Equal(ExtractiveAnswerGenerator.NoEvidenceTextChinese, answer.Text);
    }

    [Fact]
    public async Task AnEmptyIndexAnswersNoEvidence()
    {
        // Arrange
        using var folder = new TempFolder();
        using var empty = await TestEngine.OpenAsync(folder.Path);
        var engine = empty.Assistant();

        // Act
        var answer = await engine.AnswerAsync(Ask("How much is the daily meal allowance?"));

        // Assert
        Assert.Equal(AnswerKind.NoEvidence, answer.Kind);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task WhenTheEmbeddingModelFailsTheKeywordRouteStillAnswers()
    {
        // Arrange
        var engine = _kb.Engine.Assistant(embedder: new FailingEmbeddingGenerator(SharedModel.Embedder));

        // Act
        var answer = await engine.AnswerAsync(Ask("How much is the daily meal allowance for business trips in Germany?"));

        // Assert
        Assert.Equal(AnswerKind.Extractive, answer.Kind);
        Assert.Equal(KnowledgeBase.Travel.Id, answer.Citations[0].DocumentId);
        Assert.Equal([HybridRetriever.KeywordRoute], answer.Routes.Select(r => r.Name));
    }

    private static Turn Ask(string text) => new("playground", "conversation-1", "user-1", text);

    private static void AssertMarkersMatchCitations(Answer answer)
    {
        var markers = MarkerPattern().Matches(answer.Text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.NotEmpty(markers);
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.N));
        Assert.Equal(markers.Order(), answer.Citations.Select(c => c.N));
        Assert.Equal(answer.Citations.Count, answer.Citations.Select(c => c.DocumentId).Distinct().Count());
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex MarkerPattern();
}
