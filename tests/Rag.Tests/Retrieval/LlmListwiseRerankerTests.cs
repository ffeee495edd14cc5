using Assistant.Rag.Embeddings;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Tests.Generation;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Retrieval;

public sealed class LlmListwiseRerankerTests : IDisposable
{
    private const string Question = "How often are laptops replaced?";

    // Fused order: wifi, laptops, printers, vpn (ids "{doc}#0.0").
    private static readonly IReadOnlyList<FusedHit> Fused = [Hit("wifi", 0.9), Hit("laptops", 0.8), Hit("printers", 0.5), Hit("vpn", 0.1)];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "llm-rerank-tests", Guid.NewGuid().ToString("N"));
    private readonly ChunkCatalog _catalog;

    public LlmListwiseRerankerTests()
    {
        Directory.CreateDirectory(_folder);
        _catalog = new ChunkCatalog(Path.Combine(_folder, "catalog.db"));
        Store("wifi", "Guest Wi-Fi", "The guest Wi-Fi password changes every Monday.");
        Store("laptops", "Laptop replacement", "Laptops are replaced every four years from the date they were issued.");
        Store("printers", "Printers", "Printer toner is ordered through the service desk.");
        Store("vpn", "VPN", "Connect to the VPN before opening the wiki.");
    }

    [Fact]
    public async Task TheModelsOrderLeadsAndTheHitsItLeftOutFollowInFusedOrder()
    {
        // Arrange: the model puts the third shown result first and the second next, and says nothing of the first.
        var reranker = Reranker(ScriptedChatClient.Replying("[3, 2]"));

        // Act
        var reranked = await reranker.RerankAsync(Question, Fused, depth: 3);

        // Assert
        Assert.Equal(["printers#0.0", "laptops#0.0", "wifi#0.0", "vpn#0.0"], reranked.Select(h => h.ChunkId));
        Assert.True(reranked.Zip(reranked.Skip(1)).All(p => p.First.Score > p.Second.Score), "scores fall down the list");
    }

    [Fact]
    public async Task TheModelSeesTheQuestionAndOnlyTheHeadNumberedWithTitles()
    {
        // Arrange
        var chat = ScriptedChatClient.Replying("[1, 2]");

        // Act
        await Reranker(chat).RerankAsync(Question, Fused, depth: 2);

        // Assert
        var prompt = chat.Requests.Single()[^1].Text;
        Assert.StartsWith("Question: " + Question, prompt, StringComparison.Ordinal);
        Assert.Contains("[1] Guest Wi-Fi\nThe guest Wi-Fi password", prompt, StringComparison.Ordinal);
        Assert.Contains("[2] Laptop replacement\nLaptops are replaced", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("Printer toner", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingModelLeavesTheFusedOrder()
    {
        // Act
        var reranked = await Reranker(ScriptedChatClient.Failing(new HttpRequestException("503"))).RerankAsync(Question, Fused, depth: 4);

        // Assert
        Assert.Equal(Fused, reranked);
    }

    [Fact]
    public async Task AReplyWithoutUsableNumbersLeavesTheFusedOrder()
    {
        // Act
        var reranked = await Reranker(ScriptedChatClient.Replying("Sorry, I cannot rank these. [9]")).RerankAsync(Question, Fused, depth: 4);

        // Assert
        Assert.Equal(Fused, reranked);
    }

    [Fact]
    public async Task AModelThatDoesNotAnswerInTimeLeavesTheFusedOrder()
    {
        // Act
        var reranked = await Reranker(ScriptedChatClient.Hanging(), timeoutSeconds: 1).RerankAsync(Question, Fused, depth: 4);

        // Assert
        Assert.Equal(Fused, reranked);
    }

    [Fact]
    public async Task TheCallersCancellationIsThrownNotSwallowed()
    {
        // Arrange
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act / Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Reranker(ScriptedChatClient.Hanging()).RerankAsync(Question, Fused, 4, cancelled.Token));
    }

    [Theory]
    [InlineData("[3, 1, 2]", 3, new[] { 3, 1, 2 })]
    [InlineData("The order is [2, 3, 1].", 3, new[] { 2, 3, 1 })]
    [InlineData("[2] > [1] > [3]", 3, new[] { 2, 1, 3 })]
    [InlineData("[4, 1, 1, 0, 2]", 3, new[] { 1, 2 })]
    [InlineData("no idea", 3, new int[0])]
    public void TheReplyIsReadAsDistinctNumbersInRange(string reply, int count, int[] expected)
    {
        // Act
        var order = LlmListwiseReranker.ParseOrder(reply, count);

        // Assert
        Assert.Equal(expected, order);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on some platforms; the temp folder is cleaned eventually.
        }
    }

    private static FusedHit Hit(string document, double score) => new($"{document}#0.0", score, new Dictionary<string, int> { [HybridRetriever.KeywordRoute] = 1 });

    private LlmListwiseReranker Reranker(IChatClient chat, int timeoutSeconds = 20) => new(
        TestLlm.Calls(chat, TestLlm.Options(timeoutSeconds)),
        _catalog,
        new FixedOptions<LlmOptions>(TestLlm.Options(timeoutSeconds)),
        NullLogger<LlmListwiseReranker>.Instance);

    private void Store(string id, string title, string text)
    {
        var document = new TextChunker(SharedModel.Tokens, new ChunkingOptions()).Chunk(new SourceDocument(id, title, $"kb/{id}.md", [new DocumentSection(string.Empty, text)], new Dictionary<string, string>()));
        _catalog.ReplaceDocument("test", document, document.Pieces.ToDictionary(p => p.Chunk.Id, _ => new float[MiniLmModel.Dimensions]), DateTimeOffset.UnixEpoch);
    }
}
