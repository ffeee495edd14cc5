using Assistant.Connectors.FileSystem;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Connectors.Tests.FileSystem;

/// <summary>Folder syncs into a real index folder (catalog, int8 vectors, Lucene, MiniLM) with the real parsers.</summary>
public sealed class FileSystemConnectorTests : IDisposable
{
    private const string Source = "docs";
    private readonly TempFolder _folder = new();
    private readonly TempFolder _index = new();
    private readonly KnowledgeIndex _knowledge;
    private readonly FileSystemConnector _connector;

    public FileSystemConnectorTests()
    {
        var dimensions = SharedModel.Embedder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions!.Value;
        _knowledge = new KnowledgeIndex(
            _index.Path,
            new ChunkCatalog(Path.Combine(_index.Path, "catalog.db")),
            new Int8FlatVectorIndex(Path.Combine(_index.Path, "vectors"), dimensions),
            new LuceneKeywordIndex(Path.Combine(_index.Path, "keywords")),
            NullLogger<KnowledgeIndex>.Instance);
        var pipeline = new IngestionPipeline(_knowledge, new TextChunker(SharedModel.Tokens, new ChunkingOptions()), SharedModel.Embedder, TimeProvider.System, NullLogger<IngestionPipeline>.Instance);
        _connector = new FileSystemConnector(DocumentParsers.CreateDefault(), pipeline, NullLogger<FileSystemConnector>.Instance);
    }

    [Fact]
    public async Task GoodFilesAreIndexedAndCorruptOnesAreSkippedWithAReason()
    {
        // Arrange
        WriteGoodFiles();
        Write("broken.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nthis file stops here"u8.ToArray());
        Write("broken.docx", [0x50, 0x4B, 0x03, 0x04, .. Enumerable.Range(0, 200).Select(i => (byte)(i * 7))]);

        // Act
        var result = await _connector.SyncAsync(_folder.Path, Source);

        // Assert
        Assert.Equal(3, result.Ingest.Added);
        Assert.Equal(["docs:guide/vpn.md", "docs:lunch.txt", "docs:travel.html"], _knowledge.Catalog.GetDocuments(Source).Select(d => d.Id));
        Assert.Equal(["broken.docx", "broken.pdf"], result.Skipped.Select(s => s.RelativePath).Order(StringComparer.Ordinal));
        Assert.All(result.Skipped, skipped => Assert.False(string.IsNullOrWhiteSpace(skipped.Reason)));
        Assert.Contains("DOCX", result.Skipped.Single(s => s.RelativePath == "broken.docx").Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PDF", result.Skipped.Single(s => s.RelativePath == "broken.pdf").Reason, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(await _knowledge.Keywords.SearchAsync("GlobalProtect", 5));
        Assert.NotEmpty(await _knowledge.Keywords.SearchAsync("allowance", 5));
        Assert.NotEmpty(await _knowledge.Keywords.SearchAsync("lasagne", 5));
    }

    [Fact]
    public async Task AnUnsupportedFileIsIgnored()
    {
        // Arrange
        WriteGoodFiles();
        Write("setup.exe", [0x4D, 0x5A, 0x90, 0x00, .. "GlobalProtect installer"u8.ToArray()]);

        // Act
        var result = await _connector.SyncAsync(_folder.Path, Source);

        // Assert
        Assert.Empty(result.Skipped);
        Assert.Null(_knowledge.Catalog.GetDocument("docs:setup.exe"));
        Assert.Equal(3, _knowledge.Catalog.Count().Documents);
    }

    [Fact]
    public async Task SyncingAnUnchangedFolderAgainChangesNothing()
    {
        // Arrange
        WriteGoodFiles();
        await _connector.SyncAsync(_folder.Path, Source);

        // Act
        var result = await _connector.SyncAsync(_folder.Path, Source);

        // Assert
        Assert.Equal(3, result.Ingest.Unchanged);
        Assert.Equal(0, result.Ingest.Added + result.Ingest.Updated + result.Ingest.Removed + result.Ingest.ChunksEmbedded);
    }

    [Fact]
    public async Task ADeletedFileIsRemovedFromTheIndexOnTheNextSync()
    {
        // Arrange
        WriteGoodFiles();
        await _connector.SyncAsync(_folder.Path, Source);
        File.Delete(Path.Combine(_folder.Path, "guide", "vpn.md"));

        // Act
        var result = await _connector.SyncAsync(_folder.Path, Source);

        // Assert
        Assert.Equal(1, result.Ingest.Removed);
        Assert.Null(_knowledge.Catalog.GetDocument("docs:guide/vpn.md"));
        Assert.Empty(await _knowledge.Keywords.SearchAsync("GlobalProtect", 5));
        var chunks = _knowledge.Catalog.Count().Chunks;
        Assert.Equal(chunks, _knowledge.Vectors.Count);
        Assert.Equal(chunks, _knowledge.Keywords.Count);
    }

    [Fact]
    public async Task AGoodFileReplacedByACorruptOneKeepsItsIndexedVersion()
    {
        // Arrange
        WriteGoodFiles();
        Write("handbook.docx", Docx("Employee handbook", "New starters collect their laptop from the Oakwood service desk on the first morning."));
        await _connector.SyncAsync(_folder.Path, Source);
        var before = _knowledge.Catalog.GetDocument("docs:handbook.docx");
        Assert.NotNull(before);
        Write("handbook.docx", "this is not a zip package any more"u8.ToArray());

        // Act
        var result = await _connector.SyncAsync(_folder.Path, Source);

        // Assert
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("handbook.docx", skipped.RelativePath);
        Assert.Equal(0, result.Ingest.Removed);
        Assert.Equivalent(before, _knowledge.Catalog.GetDocument("docs:handbook.docx"), strict: true);
        Assert.NotEmpty(await _knowledge.Keywords.SearchAsync("Oakwood", 5));
        Assert.Equal(_knowledge.Catalog.Count().Chunks, _knowledge.Vectors.Count);
    }

    [Fact]
    public async Task AMissingFolderThrowsDirectoryNotFound()
    {
        // Arrange
        var missing = Path.Combine(_folder.Path, "does-not-exist");

        // Act
        var exception = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => _connector.SyncAsync(missing, Source));

        // Assert
        Assert.Contains("does-not-exist", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, _knowledge.Catalog.Count().Documents);
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _index.Dispose();
        _folder.Dispose();
    }

    private void WriteGoodFiles()
    {
        Write("guide/vpn.md", "# Connecting to the VPN\n\nInstall the GlobalProtect client and enter the portal vpn.contoso.com.\n"u8.ToArray());
        Write("travel.html", "<html><head><title>Travel policy</title></head><body><h1>Per diem</h1><p>The daily meal allowance in Germany is 28 euros.</p></body></html>"u8.ToArray());
        Write("lunch.txt", "Canteen menu\n\nOn Thursdays the canteen serves vegetarian lasagne.\n"u8.ToArray());
    }

    private void Write(string relativePath, byte[] content)
    {
        var path = Path.Combine(_folder.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private static byte[] Docx(string title, string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
            document.PackageProperties.Title = title;
        }

        return stream.ToArray();
    }
}
