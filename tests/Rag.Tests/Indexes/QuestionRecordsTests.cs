using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Microsoft.Data.Sqlite;

namespace Assistant.Rag.Tests.Indexes;

/// <summary>Hypothetical questions in the catalog and the vector index: record ids, chunk-only search, the schema upgrade.</summary>
public sealed class QuestionRecordsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("kb:a.md#0.1", 0, "kb:a.md#0.1~q0")]
    [InlineData("https://x/y?q=1#frag#3.12", 7, "https://x/y?q=1#frag#3.12~q7")]
    public void AQuestionRecordIdResolvesToItsChunk(string chunkId, int ordinal, string expected)
    {
        // Act
        var id = QuestionRecords.Id(chunkId, ordinal);

        // Assert
        Assert.Equal(expected, id);
        Assert.Equal(chunkId, QuestionRecords.ChunkOf(id));
        Assert.Equal("kb:a.md", TwoLevelVectorIndex.DocumentOf(QuestionRecords.ChunkOf(QuestionRecords.Id("kb:a.md#0.1", 2))));
    }

    [Theory]
    [InlineData("kb:a.md#0.1")]
    [InlineData("kb:a~q1.md#0.1")]
    [InlineData("kb:a.md#0.1~q")]
    [InlineData("kb:a.md#0.1~qx")]
    public void AChunkIdIsItsOwnChunk(string id) => Assert.Equal(id, QuestionRecords.ChunkOf(id));

    [Fact]
    public async Task VectorSearchReturnsEachChunkOnceWithItsBestScoreWhateverRecordMatched()
    {
        // Arrange: chunk d#0.0 with two questions, chunk d#1.0 and chunk e#0.0.
        var index = new Int8FlatVectorIndex(_folder.Path, 3);
        await index.UpsertAsync(
        [
            new VectorRecord("d#0.0", new float[] { 0, 1, 0 }),
            new VectorRecord(QuestionRecords.Id("d#0.0", 0), new float[] { 0.1f, 1, 0.1f }),
            new VectorRecord(QuestionRecords.Id("d#0.0", 1), new float[] { 1, 0.05f, 0 }),
            new VectorRecord("d#1.0", new float[] { 1, 0.3f, 0 }),
            new VectorRecord("e#0.0", new float[] { 0, 0, 1 }),
        ]);

        // Act: along y the two nearest records are both chunk a's, so the search must widen to find a second chunk.
        var two = await index.SearchChunksAsync(new float[] { 0, 1, 0 }, 2);
        var all = await index.SearchChunksAsync(new float[] { 1, 0, 0 }, 10);

        // Assert
        Assert.Equal(["d#0.0", "d#1.0"], two.Select(h => h.Id));
        Assert.Equal(["d#0.0", "d#1.0", "e#0.0"], all.Select(h => h.Id));
        Assert.True(all[0].Score > 0.99f, "the chunk carries its best record's score, here its second question's");
        index.Dispose();
    }

    [Fact]
    public void AVersionOneCatalogIsUpgradedInPlaceKeepingItsDocuments()
    {
        // Arrange: a catalog as the build before hypothetical questions wrote it.
        var path = Path.Combine(_folder.Path, "catalog.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL,
                    version TEXT NOT NULL, content_hash TEXT NOT NULL, metadata TEXT NOT NULL, ingested_at TEXT NOT NULL);
                CREATE TABLE sections (
                    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, ordinal INTEGER NOT NULL, heading TEXT NOT NULL, text TEXT NOT NULL);
                CREATE TABLE chunks (
                    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, parent_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
                    heading TEXT NOT NULL, text TEXT NOT NULL, language TEXT NOT NULL, token_count INTEGER NOT NULL,
                    content_hash TEXT NOT NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, embedding BLOB NOT NULL);
                INSERT INTO meta VALUES ('schema', '1'), ('generation', '7'), ('setting:embedding-model', 'm:3');
                INSERT INTO documents VALUES ('doc', 'kb', 'Title', 'doc', 'v1', 'h', '{}', '2026-01-01T00:00:00.0000000+00:00');
                INSERT INTO sections VALUES ('doc#0', 'doc', 0, 'Heading', 'Some text.');
                INSERT INTO chunks VALUES ('doc#0.0', 'doc', 'doc#0', 0, 'Heading', 'Some text.', 'en', 3, 'ch', 0, 10, x'0000803F0000000000000000');
                """;
            command.ExecuteNonQuery();
        }

        // Act
        var catalog = new ChunkCatalog(path);

        // Assert
        Assert.Equal(7, catalog.Generation);
        Assert.Equal("m:3", catalog.GetSetting("embedding-model"));
        Assert.Equal((1, 1), catalog.Count());
        Assert.Equal(0, catalog.CountQuestions());
        var (chunk, embedding) = Assert.Single(catalog.ReadAll());
        Assert.Equal("Some text.", chunk.Text);
        Assert.Equal([1f, 0f, 0f], embedding);
        Assert.Equal("3", SchemaOf(path));
    }

    [Fact]
    public void QuestionsForAChunkTheDocumentDoesNotHaveAreRefusedAndNothingIsWritten()
    {
        // Arrange
        var catalog = new ChunkCatalog(Path.Combine(_folder.Path, "catalog.db"));
        var chunker = new TextChunker(SharedModel.Tokens, new ChunkingOptions());
        var document = chunker.Chunk(new SourceDocument("doc", "Title", "doc", [new DocumentSection("H", "Some text about printers.")], new Dictionary<string, string>()));
        var embeddings = document.Pieces.ToDictionary(p => p.Chunk.Id, _ => new float[] { 1, 0, 0 });
        var questions = new Dictionary<string, IReadOnlyList<HypotheticalQuestion>> { ["other#0.0"] = [new HypotheticalQuestion("Which printer?", [0, 1, 0])] };

        // Act
        var refused = Assert.Throws<ArgumentException>(() => catalog.ReplaceDocument("kb", document, embeddings, DateTimeOffset.UnixEpoch, questions));

        // Assert
        Assert.Contains("other#0.0", refused.Message, StringComparison.Ordinal);
        Assert.Null(catalog.GetDocument("doc"));
        Assert.Equal(0, catalog.CountQuestions());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static string? SchemaOf(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'schema'";
        return command.ExecuteScalar() as string;
    }
}
