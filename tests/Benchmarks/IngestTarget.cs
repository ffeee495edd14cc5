using Assistant.Rag.Embeddings;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Benchmarks;

/// <summary>
/// A fresh index folder with the engine's pieces wired as <c>AddRag</c> wires them (catalog, int8 vector index,
/// Lucene keyword index, knowledge index, chunker counting WordPiece tokens), and a pipeline into it.
/// </summary>
internal sealed class IngestTarget : IDisposable
{
    public IngestTarget(IEmbeddingGenerator<string, Embedding<float>> embedder, string? folder = null)
    {
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "ingest-benchmarks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Catalog = new ChunkCatalog(Path.Combine(Folder, "catalog.db"));
        Vectors = new Int8FlatVectorIndex(Path.Combine(Folder, "vectors"), MiniLmModel.Dimensions);
        Keywords = new LuceneKeywordIndex(Path.Combine(Folder, "keywords"), new KeywordIndexOptions());
        Index = new KnowledgeIndex(Folder, Catalog, Vectors, Keywords, NullLogger<KnowledgeIndex>.Instance);
        Pipeline = new IngestionPipeline(Index, new TextChunker(new WordPieceTokenCounter(), new ChunkingOptions()), embedder, TimeProvider.System, NullLogger<IngestionPipeline>.Instance);
    }

    public string Folder { get; }

    public ChunkCatalog Catalog { get; }

    public Int8FlatVectorIndex Vectors { get; }

    public LuceneKeywordIndex Keywords { get; }

    public KnowledgeIndex Index { get; }

    public IngestionPipeline Pipeline { get; }

    /// <summary>Disposes everything and, unless <paramref name="keepFiles"/>, deletes the folder.</summary>
    public void Dispose(bool keepFiles)
    {
        Index.Dispose(); // disposes the vector and keyword indexes too
        if (!keepFiles && Directory.Exists(Folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Folder, recursive: true);
        }
    }

    public void Dispose() => Dispose(keepFiles: false);
}
