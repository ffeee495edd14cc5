using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Indexes;

/// <summary>
/// Crash consistency of the index folder: the catalog is the truth, the vector and keyword indexes are rebuilt from
/// its stored embeddings when they lag behind it or cannot be read.
/// </summary>
public sealed class KnowledgeIndexTests : IDisposable
{
    private const string Question = "How much is the daily meal allowance in Germany?";
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReopeningAfterACrashBeforeTheIndexSaveRebuildsFromTheCatalogWithoutEmbedding(bool deleteMarker)
    {
        // Arrange
        IReadOnlyList<string> expected;
        using (var engine = await TestEngine.OpenAsync(_folder.Path))
        {
            await engine.Pipeline.IngestAsync(KnowledgeBase.Source, KnowledgeBase.All);
            expected = await SearchAsync(engine);
        }

        var marker = Path.Combine(_folder.Path, "generation");
        if (deleteMarker)
        {
            File.Delete(marker);
        }
        else
        {
            File.WriteAllText(marker, "1");
        }

        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);

        // Act
        using var reopened = await TestEngine.OpenAsync(_folder.Path, counter);

        // Assert
        Assert.Equal(0, counter.Inputs);
        Assert.Equal(reopened.Index.Catalog.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(marker));
        var chunks = reopened.Index.Catalog.Count().Chunks;
        Assert.Equal(chunks, reopened.Index.Vectors.Count);
        Assert.Equal(chunks, reopened.Index.Keywords.Count);
        Assert.Equal(expected, await SearchAsync(reopened));
    }

    [Fact]
    public async Task ACrashAfterTheCatalogCommitLosesNoDocument()
    {
        // Arrange: the second ingest reaches the catalog, but the derived indexes on disk stay at the first.
        using (var engine = await TestEngine.OpenAsync(_folder.Path))
        {
            await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel]);
        }

        var saved = SnapshotDerivedIndexes();
        using (var engine = await TestEngine.OpenAsync(_folder.Path))
        {
            await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel, KnowledgeBase.Vpn]);
        }

        RestoreDerivedIndexes(saved);

        // Act
        using var reopened = await TestEngine.OpenAsync(_folder.Path);

        // Assert
        Assert.NotEmpty(await reopened.Index.Keywords.SearchAsync("GlobalProtect", 5));
        var hits = await reopened.Retriever().RetrieveAsync("How do I install GlobalProtect?");
        Assert.Equal(KnowledgeBase.Vpn.Id, hits.Passages[0].DocumentId);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public async Task ACorruptVectorFileIsRebuiltFromTheCatalogInsteadOfStoppingTheHost(string damage)
    {
        // Arrange
        IReadOnlyList<string> expected;
        using (var engine = await TestEngine.OpenAsync(_folder.Path))
        {
            await engine.Pipeline.IngestAsync(KnowledgeBase.Source, KnowledgeBase.All);
            expected = await SearchAsync(engine);
        }

        var file = Path.Combine(_folder.Path, "vectors", Int8FlatVectorIndex.FileName);
        if (damage == "garbage")
        {
            File.WriteAllBytes(file, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))]);
        }
        else
        {
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        }

        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);

        // Act
        using var reopened = await TestEngine.OpenAsync(_folder.Path, counter);

        // Assert
        Assert.Equal(0, counter.Inputs);
        Assert.Equal(reopened.Index.Catalog.Count().Chunks, reopened.Index.Vectors.Count);
        Assert.Equal(expected, await SearchAsync(reopened));
        using var again = new Int8FlatVectorIndex(Path.Combine(_folder.Path, "vectors"), Rag.Embeddings.MiniLmModel.Dimensions);
        Assert.Equal(reopened.Index.Vectors.Count, again.Count);
    }

    [Fact]
    public async Task ACorruptKeywordIndexIsRebuiltFromTheCatalogInsteadOfStoppingTheHost()
    {
        // Arrange
        IReadOnlyList<string> expected;
        using (var engine = await TestEngine.OpenAsync(_folder.Path))
        {
            await engine.Pipeline.IngestAsync(KnowledgeBase.Source, KnowledgeBase.All);
            expected = await SearchAsync(engine);
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(_folder.Path, "keywords")).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            File.WriteAllBytes(file, [.. Enumerable.Range(0, 512).Select(i => (byte)(i * 13))]);
        }

        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);

        // Act
        using var reopened = await TestEngine.OpenAsync(_folder.Path, counter);

        // Assert
        Assert.Equal(0, counter.Inputs);
        Assert.Equal(reopened.Index.Catalog.Count().Chunks, reopened.Index.Keywords.Count);
        Assert.NotEmpty(await reopened.Index.Keywords.SearchAsync("GlobalProtect", 5));
        Assert.Equal(expected, await SearchAsync(reopened));
    }

    [Fact]
    public async Task AKeywordIndexLockedByAnotherWriterIsNotDeleted()
    {
        // Arrange
        using var running = await TestEngine.OpenAsync(_folder.Path);
        await running.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Vpn]);
        var keywords = Path.Combine(_folder.Path, "keywords");

        // Act
        var exception = Assert.Throws<IndexStorageException>(() =>
            KnowledgeIndex.OpenDerived(keywords, () => new LuceneKeywordIndex(keywords), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        // Assert
        Assert.Contains("lock", exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(await running.Index.Keywords.SearchAsync("GlobalProtect", 5));
        running.Dispose();
        using var reopened = new LuceneKeywordIndex(keywords);
        Assert.Equal(running.Index.Catalog.Count().Chunks, reopened.Count);
    }

    [Fact]
    public async Task OpeningWithAnEmbeddingModelOfOtherDimensionsKeepsTheKeywordRouteAndDoesNotThrow()
    {
        // Arrange: indexed with MiniLM (384 dimensions); the host is then configured for a 1536-dimension endpoint.
        using (var engine = await TestEngine.OpenAsync(_folder.Path))
        {
            await engine.Pipeline.IngestAsync(KnowledgeBase.Source, KnowledgeBase.All);
        }

        var vectorFolder = Path.Combine(_folder.Path, "vectors");
        var keywordFolder = Path.Combine(_folder.Path, "keywords");
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger<KnowledgeIndex>.Instance;
        using var index = new KnowledgeIndex(
            _folder.Path,
            new ChunkCatalog(Path.Combine(_folder.Path, "catalog.db")),
            KnowledgeIndex.OpenDerived(vectorFolder, () => new Int8FlatVectorIndex(vectorFolder, 1536), logger),
            KnowledgeIndex.OpenDerived(keywordFolder, () => new LuceneKeywordIndex(keywordFolder), logger),
            logger);

        // Act
        await index.OpenAsync();

        // Assert
        Assert.Equal(0, index.Vectors.Count);
        Assert.Equal(index.Catalog.Count().Chunks, index.Keywords.Count);
        Assert.NotEmpty(await index.Keywords.SearchAsync("GlobalProtect", 5));
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<IReadOnlyList<string>> SearchAsync(TestEngine engine)
    {
        var result = await engine.Retriever(new RetrievalOptions()).RetrieveAsync(Question);
        Assert.NotEmpty(result.Hits);
        return [.. result.Hits.Select(h => h.ChunkId)];
    }

    private Dictionary<string, byte[]> SnapshotDerivedIndexes() =>
        Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("catalog.db", StringComparison.Ordinal))
            .ToDictionary(f => f, File.ReadAllBytes);

    private void RestoreDerivedIndexes(Dictionary<string, byte[]> saved)
    {
        foreach (var file in Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("catalog.db", StringComparison.Ordinal) && !saved.ContainsKey(f)))
        {
            File.Delete(file);
        }

        foreach (var (file, bytes) in saved)
        {
            File.WriteAllBytes(file, bytes);
        }
    }
}
