using System.Numerics.Tensors;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Tests.Embeddings;

public sealed class MiniLmEmbeddingGeneratorTests
{
    [Fact]
    public async Task VectorsHave384NormalisedDimensionsAndParaphrasesAreCloserThanUnrelatedText()
    {
        var embeddings = await SharedModel.Embedder.GenerateAsync(
            ["How do I reset my password?", "Steps to change a forgotten password", "The cafeteria serves lunch from noon."]);

        Assert.All(embeddings, e => Assert.Equal(384, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal(1.0, TensorPrimitives.Norm(e.Vector.Span), 3));
        var paraphrase = TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        var unrelated = TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[2].Vector.Span);
        Assert.True(paraphrase > unrelated + 0.2, $"paraphrase {paraphrase:F3} vs unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task PaddingInABatchDoesNotChangeAVector()
    {
        const string Short = "Wi-Fi password for guests";
        var alone = await SharedModel.Embedder.GenerateVectorAsync(Short);
        var batch = await SharedModel.Embedder.GenerateAsync([Short, string.Join(' ', Enumerable.Repeat("a much longer sentence about travel expenses", 20))]);

        Assert.Equal(1.0, TensorPrimitives.CosineSimilarity(alone.Span, batch[0].Vector.Span), 4);
    }

    [Fact]
    public async Task InputBeyondTheModelWindowIsTruncatedNotRejected()
    {
        var head = string.Join(' ', Enumerable.Repeat("expense reports are due monthly", 80));
        var longer = head + " " + string.Join(' ', Enumerable.Repeat("completely different trailing words", 80));

        var embeddings = await SharedModel.Embedder.GenerateAsync([head, longer]);

        Assert.Equal(1.0, TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span), 3);
    }

    [Fact]
    public void TokenCountsMatchTheModelsWordPieces()
    {
        Assert.Equal(SharedModel.Tokens.CountTokens("unbelievable reimbursement"), SharedModel.Embedder.CountTokens("unbelievable reimbursement"));
        Assert.Equal(0, SharedModel.Tokens.CountTokens(string.Empty));
        Assert.True(SharedModel.Tokens.CountTokens("reimbursement") >= 2);
    }
}
