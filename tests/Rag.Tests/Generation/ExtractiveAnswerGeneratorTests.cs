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
}
