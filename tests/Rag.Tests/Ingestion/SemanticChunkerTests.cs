using Assistant.Rag.Ingestion;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Ingestion;

public sealed class SemanticChunkerTests
{
    private static readonly string[] Leave =
    [
        "Berlin employees get thirty days of annual leave each year.",
        "Unused annual leave of up to five days carries over to March.",
        "Annual leave is requested in the people portal two weeks ahead.",
        "Managers answer annual leave requests within five working days.",
    ];

    private static readonly string[] Vpn =
    [
        "The VPN client signs in with the company account and a push.",
        "A VPN session lasts twelve hours before it asks again.",
        "If the VPN handshake fails, switch to the TCP fallback.",
        "The VPN gateway in Shanghai uses a licensed line.",
    ];

    private static SourceDocument Document(params string[] sentences) => new(
        "doc-1",
        "Handbook",
        "kb/handbook.md",
        [new DocumentSection("Handbook › Everything", string.Join(' ', sentences))],
        new Dictionary<string, string>());

    private static SemanticChunker Chunker(ChunkingOptions options) =>
        new(new TextChunker(SharedModel.Tokens, options), new TopicEmbeddingGenerator("annual leave", "VPN"), options);

    [Fact]
    public async Task CutsWhereTheTopicChangesAlthoughBothTopicsFitOneFixedChunk()
    {
        var options = new ChunkingOptions { ChunkTokens = 256, Strategy = ChunkingStrategy.Semantic, SemanticMinTokens = 16 };
        var document = Document([.. Leave, .. Vpn]);

        var fixedChunks = new TextChunker(SharedModel.Tokens, options).Chunk(document);
        var semantic = await Chunker(options).ChunkAsync(document);

        Assert.Single(fixedChunks.Pieces);
        Assert.Equal(2, semantic.Pieces.Count);
        Assert.Equal(string.Join(' ', Leave), semantic.Pieces[0].Chunk.Text);
        Assert.Equal(string.Join(' ', Vpn), semantic.Pieces[1].Chunk.Text);
        Assert.Equal(["doc-1#0.0", "doc-1#0.1"], semantic.Pieces.Select(p => p.Chunk.Id));
    }

    [Fact]
    public async Task ATopicShiftBeforeTheMinimumLengthIsNotCut()
    {
        var options = new ChunkingOptions { ChunkTokens = 256, Strategy = ChunkingStrategy.Semantic, SemanticMinTokens = 40, SemanticBreakPercentile = 40 };
        var document = Document([Leave[0], .. Vpn, .. Leave[1..]]);

        var semantic = await Chunker(options).ChunkAsync(document);

        Assert.Equal(2, semantic.Pieces.Count);
        Assert.Equal(string.Join(' ', [Leave[0], .. Vpn]), semantic.Pieces[0].Chunk.Text);
        Assert.Equal(string.Join(' ', Leave[1..]), semantic.Pieces[1].Chunk.Text);
    }

    [Fact]
    public async Task WithoutADropInSimilarityNothingIsCutThatFitsTheBudget()
    {
        var options = new ChunkingOptions { ChunkTokens = 256, Strategy = ChunkingStrategy.Semantic, SemanticMinTokens = 16 };

        var semantic = await Chunker(options).ChunkAsync(Document(Leave));

        Assert.Single(semantic.Pieces);
    }

    [Fact]
    public async Task ALongSingleTopicSectionStaysWithinTheBudgetAndKeepsEverySentenceWhole()
    {
        var options = new ChunkingOptions { ChunkTokens = 128, Strategy = ChunkingStrategy.Semantic, SemanticMinTokens = 16 };
        var sentences = Enumerable.Range(0, 5).SelectMany(i => Leave.Select(s => $"{s[..^1]} (rule {i}).")).ToArray();
        var document = Document(sentences);

        var semantic = await Chunker(options).ChunkAsync(document);

        Assert.True(semantic.Pieces.Count > 2);
        Assert.All(semantic.Pieces, p => Assert.True(SharedModel.Tokens.CountTokens(p.EmbeddingText) + 2 <= 128, $"{p.Chunk.Id} has {SharedModel.Tokens.CountTokens(p.EmbeddingText)} tokens"));
        Assert.All(sentences, s => Assert.Contains(semantic.Pieces, p => p.Chunk.Text.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheSemanticStrategyThroughThePipelineIndexesTopicChunksAndReingestingEmbedsNothing()
    {
        using var folder = new TempFolder();
        var embedder = new TopicEmbeddingGenerator("annual leave", "VPN");
        var options = new ChunkingOptions { Strategy = ChunkingStrategy.Semantic, SemanticMinTokens = 16 };
        using var engine = await TestEngine.OpenAsync(folder.Path, embedder, options);
        var document = Document([.. Leave, .. Vpn]);

        var first = await engine.Pipeline.IngestAsync("kb", [document]);
        var embeddedFirst = embedder.Inputs;
        var again = await engine.Pipeline.IngestAsync("kb", [document]);

        Assert.Equal(2, first.Chunks);
        Assert.Equal(string.Join(' ', Vpn), engine.Index.Catalog.GetChunksOfParent("doc-1#0").Single(c => c.Chunk.Ordinal == 1).Chunk.Text);
        Assert.Equal(Leave.Length + Vpn.Length + 2, embeddedFirst); // each sentence once, then each chunk
        Assert.Equal(1, again.Unchanged);
        Assert.Equal(embeddedFirst, embedder.Inputs);
    }
}
