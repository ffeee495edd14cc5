using Microsoft.Extensions.AI;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Ingestion;

/// <summary>Ingestion over a real index folder: catalog, int8 vectors, Lucene and MiniLM.</summary>
public sealed class IngestionPipelineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task ReingestingUnchangedDocumentsDoesNoEmbeddingWork()
    {
        // Arrange
        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);
        using var engine = await TestEngine.OpenAsync(_folder.Path, counter);
        var first = await engine.Pipeline.IngestAsync(KnowledgeBase.Source, KnowledgeBase.All);
        var embeddedByFirst = counter.Inputs;

        // Act
        var second = await engine.Pipeline.IngestAsync(KnowledgeBase.Source, KnowledgeBase.All);

        // Assert
        Assert.Equal(KnowledgeBase.All.Count, first.Added);
        Assert.True(first.ChunksEmbedded > 0);
        Assert.Equal(first.ChunksEmbedded, embeddedByFirst);
        Assert.Equal(0, second.ChunksEmbedded);
        Assert.Equal(KnowledgeBase.All.Count, second.Unchanged);
        Assert.Equal(0, second.Added + second.Updated + second.Removed);
        Assert.Equal(embeddedByFirst, counter.Inputs);
    }

    [Fact]
    public async Task AChangedDocumentReplacesItsOldChunksInEveryIndex()
    {
        // Arrange
        var original = KnowledgeBase.Document(
            "kb:printing.md",
            "Printing",
            ("Printers", "The printer on the third floor is called Heron and prints in colour."),
            ("Scanning", "Scanned documents arrive in your mailbox within a minute."));
        var changed = KnowledgeBase.Document(
            "kb:printing.md",
            "Printing",
            ("Printers", "The printer on the third floor is called Osprey and prints only black and white."),
            ("Scanning", "Scanned documents arrive in your mailbox within a minute."));
        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);
        using var engine = await TestEngine.OpenAsync(_folder.Path, counter);
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [original, KnowledgeBase.Vpn]);
        var oldIds = engine.Index.Catalog.GetChunksOfParent("kb:printing.md#0").Select(c => c.Chunk.Id).ToList();
        var oldVersion = engine.Index.Catalog.GetDocument("kb:printing.md")!.Version;
        Assert.NotEmpty(await engine.Index.Keywords.SearchAsync("Heron", 10));
        var before = counter.Inputs;

        // Act
        var result = await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [changed, KnowledgeBase.Vpn]);

        // Assert
        Assert.Equal(1, result.Updated);
        Assert.Equal(1, result.Unchanged);
        Assert.True(result.ChunksReused > 0, "the unchanged Scanning chunk should reuse its embedding");
        Assert.Equal(1, result.ChunksEmbedded);
        Assert.Equal(1, counter.Inputs - before);
        Assert.Empty(await engine.Index.Keywords.SearchAsync("Heron", 10));
        Assert.NotEmpty(await engine.Index.Keywords.SearchAsync("Osprey", 10));
        var current = engine.Index.Catalog.GetChunks(oldIds);
        Assert.All(current.Values, c => Assert.DoesNotContain("Heron", c.Chunk.Text, StringComparison.Ordinal));
        Assert.NotEqual(oldVersion, engine.Index.Catalog.GetDocument("kb:printing.md")!.Version);
        Assert.Equal(engine.Index.Catalog.Count().Chunks, engine.Index.Vectors.Count);
        Assert.Equal(engine.Index.Catalog.Count().Chunks, engine.Index.Keywords.Count);
    }

    [Fact]
    public async Task AChangedDocumentWithFewerChunksLeavesNoStaleChunkBehind()
    {
        // Arrange
        var original = KnowledgeBase.Document(
            "kb:canteen.md",
            "Canteen",
            ("Opening hours", "The canteen opens at half past eleven."),
            ("Menu", "Tuesday is schnitzel day in the canteen."));
        var shorter = KnowledgeBase.Document("kb:canteen.md", "Canteen", ("Opening hours", "The canteen opens at noon."));
        using var engine = await TestEngine.OpenAsync(_folder.Path);
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [original]);
        var menuIds = engine.Index.Catalog.GetChunksOfParent("kb:canteen.md#1").Select(c => c.Chunk.Id).ToList();
        Assert.NotEmpty(menuIds);

        // Act
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [shorter]);

        // Assert
        Assert.Empty(engine.Index.Catalog.GetChunks(menuIds));
        Assert.Empty(await engine.Index.Keywords.SearchAsync("schnitzel", 10));
        Assert.Equal(1, engine.Index.Vectors.Count);
        Assert.Equal(1, engine.Index.Keywords.Count);
        var nearest = await engine.Index.Vectors.SearchAsync(await SharedModel.Embedder.GenerateVectorAsync("schnitzel day"), 10);
        Assert.DoesNotContain(nearest, hit => menuIds.Contains(hit.Id));
    }

    [Fact]
    public async Task ADocumentMissingFromTheSourceIsRemovedFromEveryIndex()
    {
        // Arrange
        using var engine = await TestEngine.OpenAsync(_folder.Path);
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel, KnowledgeBase.Vpn]);
        var vpnIds = ChunkIdsOf(engine, KnowledgeBase.Vpn.Id);

        // Act
        var result = await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel], removeMissing: true);

        // Assert
        Assert.Equal(1, result.Removed);
        AssertGone(engine, KnowledgeBase.Vpn.Id, vpnIds);
        Assert.Empty(await engine.Index.Keywords.SearchAsync("GlobalProtect", 10));
        Assert.NotEmpty(await engine.Index.Keywords.SearchAsync("allowance", 10));
        await AssertNoVectorHitAsync(engine, vpnIds, "How do I connect to the VPN with GlobalProtect?");
    }

    [Fact]
    public async Task RemovingADocumentTakesItOutOfEveryIndex()
    {
        // Arrange
        using var engine = await TestEngine.OpenAsync(_folder.Path);
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel, KnowledgeBase.Vpn]);
        var vpnIds = ChunkIdsOf(engine, KnowledgeBase.Vpn.Id);

        // Act
        var removed = await engine.Pipeline.RemoveAsync(KnowledgeBase.Vpn.Id);
        var removedAgain = await engine.Pipeline.RemoveAsync(KnowledgeBase.Vpn.Id);

        // Assert
        Assert.True(removed);
        Assert.False(removedAgain);
        AssertGone(engine, KnowledgeBase.Vpn.Id, vpnIds);
        Assert.Empty(await engine.Index.Keywords.SearchAsync("GlobalProtect", 10));
        await AssertNoVectorHitAsync(engine, vpnIds, "How do I connect to the VPN with GlobalProtect?");
    }

    [Fact]
    public async Task ARemovalSurvivesARestart()
    {
        // Arrange
        using (var engine = await TestEngine.OpenAsync(_folder.Path))
        {
            await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel, KnowledgeBase.Vpn]);
            await engine.Pipeline.RemoveAsync(KnowledgeBase.Vpn.Id);
        }

        // Act
        using var reopened = await TestEngine.OpenAsync(_folder.Path);

        // Assert
        Assert.Null(reopened.Index.Catalog.GetDocument(KnowledgeBase.Vpn.Id));
        Assert.Empty(await reopened.Index.Keywords.SearchAsync("GlobalProtect", 10));
        Assert.Equal(reopened.Index.Catalog.Count().Chunks, reopened.Index.Vectors.Count);
    }

    public void Dispose() => _folder.Dispose();

    private static List<string> ChunkIdsOf(TestEngine engine, string documentId) =>
        [.. engine.Index.Catalog.ReadAll().Select(c => c.Chunk).Where(c => c.DocumentId == documentId).Select(c => c.Id)];

    private static void AssertGone(TestEngine engine, string documentId, List<string> chunkIds)
    {
        Assert.NotEmpty(chunkIds);
        Assert.Null(engine.Index.Catalog.GetDocument(documentId));
        Assert.Empty(engine.Index.Catalog.GetChunks(chunkIds));
        Assert.Equal(engine.Index.Catalog.Count().Chunks, engine.Index.Vectors.Count);
        Assert.Equal(engine.Index.Catalog.Count().Chunks, engine.Index.Keywords.Count);
    }

    private static async Task AssertNoVectorHitAsync(TestEngine engine, List<string> chunkIds, string question)
    {
        var hits = await engine.Index.Vectors.SearchAsync(await SharedModel.Embedder.GenerateVectorAsync(question), 50);
        Assert.NotEmpty(hits);
        Assert.DoesNotContain(hits, hit => chunkIds.Contains(hit.Id));
    }
}
