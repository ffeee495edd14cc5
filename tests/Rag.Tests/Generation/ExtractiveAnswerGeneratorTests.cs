using Assistant.Rag.Generation;

namespace Assistant.Rag.Tests.Generation;

public sealed class ExtractiveAnswerGeneratorTests
{
    [Fact]
    public async Task TheBestSentenceIsQuotedWithTheMarkerOfItsSource()
    {
        var retrieval = await GenerationFixture.RetrievalAsync("How often are laptops replaced?", GenerationFixture.Wifi, GenerationFixture.Laptops);

        var draft = await GenerationFixture.Extractive().GenerateAsync("How often are laptops replaced?", retrieval);

        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.Contains("Laptops are replaced every four years from the date they were issued. [2]", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Monday", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeakEvidenceIsSaidPlainlyInsteadOfGuessing()
    {
        var retrieval = await GenerationFixture.RetrievalAsync("What is the capital of Peru?", GenerationFixture.Laptops, GenerationFixture.Wifi);

        var draft = await GenerationFixture.Extractive().GenerateAsync("What is the capital of Peru?", retrieval);

        Assert.Equal(AnswerKind.NoEvidence, draft.Kind);
        Assert.Equal(ExtractiveAnswerGenerator.NoEvidenceText, draft.Text);
        Assert.DoesNotContain("[", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoPassagesMeansNoEvidence()
    {
        var retrieval = await GenerationFixture.RetrievalAsync("How often are laptops replaced?");

        var draft = await GenerationFixture.Extractive().GenerateAsync("How often are laptops replaced?", retrieval);

        Assert.Equal(AnswerKind.NoEvidence, draft.Kind);
    }

    [Fact]
    public async Task AChineseQuestionIsAnsweredFromTheTableRowUnderItsLeadInWithoutAnEmbedding()
    {
        // Arrange: as the router sends a Chinese question, to BM25 alone: no question embedding.
        var retrieval = GenerationFixture.CjkRetrieval("上海出差每天补贴多少？", GenerationFixture.SeeAlso, GenerationFixture.PerDiemZh);

        // Act
        var draft = await GenerationFixture.Extractive().GenerateAsync("上海出差每天补贴多少？", retrieval);

        // Assert: the row with the amount is quoted, and the English cross-reference is not cited first.
        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.Contains("人民币200元", draft.Text, StringComparison.Ordinal);
        Assert.StartsWith("出差期间", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("See also", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("元地区", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChineseQuestionTheSentencesOnlyHalfCoverStaysUnanswered()
    {
        // Arrange: 北京 is what is asked; the passage is about the Shanghai office.
        var retrieval = GenerationFixture.CjkRetrieval("北京办公室的地址是什么？", GenerationFixture.OfficeZh);

        // Act
        var draft = await GenerationFixture.Extractive().GenerateAsync("北京办公室的地址是什么？", retrieval);

        // Assert
        Assert.Equal(AnswerKind.NoEvidence, draft.Kind);
        Assert.Equal(ExtractiveAnswerGenerator.NoEvidenceTextChinese, draft.Text);
    }

    [Fact]
    public async Task TheSourceOfTheBestSentenceIsCitedFirst()
    {
        // Arrange: the answering passage is ranked second.
        var retrieval = GenerationFixture.CjkRetrieval("午餐补贴是多少？", GenerationFixture.PerDiemZh, GenerationFixture.OfficeZh);

        // Act
        var draft = await GenerationFixture.Extractive().GenerateAsync("午餐补贴是多少？", retrieval);

        // Assert
        Assert.StartsWith("公司每个工作日提供人民币40元的午餐补贴", draft.Text, StringComparison.Ordinal);
        Assert.Contains("[2]", draft.Text, StringComparison.Ordinal);
    }
}

