using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Indexes;

/// <summary>
/// The index folder as one unit: the catalog (source of truth) and the vector and keyword indexes derived from it.
/// </summary>
/// <remarks>
/// The derived indexes are saved after the catalog commits; a marker file records the catalog generation they
/// reflect. If the process stops between the two, <see cref="OpenAsync"/> finds the marker behind the catalog and
/// rebuilds both indexes from the catalog's stored embeddings, hypothetical questions included (no embedding work), so no half-written index is
/// ever searched. Writers take <see cref="WriteLock"/>; searches need no lock.
/// </remarks>
public sealed partial class KnowledgeIndex : IDisposable
{
    private const int RebuildBatch = 1000;
    private readonly string _markerPath;
    private readonly ILogger _logger;
    private volatile bool _ready;

    public KnowledgeIndex(string folder, ChunkCatalog catalog, IVectorIndex vectors, IKeywordIndex keywords, ILogger<KnowledgeIndex> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = folder;
        Catalog = catalog;
        Vectors = vectors;
        Keywords = keywords;
        _logger = logger;
        _markerPath = Path.Combine(folder, "generation");
    }

    /// <summary>The index folder.</summary>
    public string Folder { get; }

    /// <summary>Documents, sections and chunks with their embeddings.</summary>
    public ChunkCatalog Catalog { get; }

    /// <summary>Vector route index.</summary>
    public IVectorIndex Vectors { get; }

    /// <summary>Keyword route index.</summary>
    public IKeywordIndex Keywords { get; }

    /// <summary>Held by whoever changes the index (one ingestion at a time).</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>True once the host has opened the index (and seeded it, if it seeds it) and questions can be answered.</summary>
    public bool IsReady => _ready;

    /// <summary>Checks the derived indexes against the catalog and rebuilds them from it when they lag behind.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var generation = Catalog.Generation;
            var marker = ReadMarker();
            var (_, chunks) = Catalog.Count();
            // The vector index holds a record per chunk and one per hypothetical question of a chunk.
            if (marker != generation || Vectors.Count != chunks + Catalog.CountQuestions() || Keywords.Count != chunks)
            {
                if (chunks > 0)
                {
                    Log.Rebuilding(_logger, marker, generation, chunks);
                }

                await RebuildAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            WriteLock.Release();
        }
    }

    /// <summary>Saves both derived indexes and records the catalog generation they now reflect. Call under <see cref="WriteLock"/>.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Vectors.SaveAsync(cancellationToken).ConfigureAwait(false);
        await Keywords.SaveAsync(cancellationToken).ConfigureAwait(false);
        var temporary = _markerPath + ".tmp";
        await File.WriteAllTextAsync(temporary, Catalog.Generation.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, _markerPath, overwrite: true);
    }

    /// <summary>
    /// Opens a derived index with <paramref name="open"/>. When its files cannot be read (an
    /// <see cref="IndexStorageException"/>: corrupt, truncated, written for other settings), logs the reason, deletes
    /// <paramref name="directory"/> and opens it again, empty; <see cref="OpenAsync"/> then finds it behind the catalog
    /// and rebuilds it from the stored embeddings, without embedding anything. A Lucene write lock held by another
    /// process is not damage: that exception is rethrown and nothing is deleted.
    /// </summary>
    /// <exception cref="IndexStorageException">Another process holds the index's lock, or the index cannot be opened
    /// even after its files were deleted.</exception>
    public static T OpenDerived<T>(string directory, Func<T> open, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            return open();
        }
        catch (IndexStorageException exception) when (exception.InnerException is not Lucene.Net.Store.LockObtainFailedException)
        {
            Log.Discarding(logger, directory, exception);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            return open();
        }
    }

    /// <summary>Marks the index as ready to answer; the host calls it after <see cref="OpenAsync"/> and any first ingest.</summary>
    public void MarkReady() => _ready = true;

    public void Dispose()
    {
        WriteLock.Dispose();
        (Vectors as IDisposable)?.Dispose();
        (Keywords as IDisposable)?.Dispose();
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await Vectors.ClearAsync(cancellationToken).ConfigureAwait(false);
        await Keywords.ClearAsync(cancellationToken).ConfigureAwait(false);
        var vectorsFit = true;
        foreach (var batch in Catalog.ReadAll().Chunk(RebuildBatch))
        {
            var questions = Catalog.GetQuestions([.. batch.Select(b => b.Chunk.Id)]);
            if (vectorsFit)
            {
                try
                {
                    await Vectors.UpsertAsync([.. batch.Select(b => new VectorRecord(b.Chunk.Id, b.Embedding, b.Chunk.Acl))], cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException exception)
                {
                    // Stored embeddings that the vector index rejects (another embedding model's dimensions) must not
                    // stop the host: the keyword route still answers, and the next ingest sees the model change and
                    // embeds everything again.
                    Log.EmbeddingsDoNotFit(_logger, exception);
                    await Vectors.ClearAsync(cancellationToken).ConfigureAwait(false);
                    vectorsFit = false;
                }
            }

            await Keywords.UpsertAsync([.. batch.Select(b => QuestionRecords.ForKeywords(b.Chunk, questions.GetValueOrDefault(b.Chunk.Id)))], cancellationToken).ConfigureAwait(false);
        }

        foreach (var batch in Catalog.ReadAllQuestionVectors().Chunk(RebuildBatch))
        {
            if (!vectorsFit)
            {
                break;
            }

            try
            {
                await Vectors.UpsertAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException exception)
            {
                Log.EmbeddingsDoNotFit(_logger, exception);
                await Vectors.ClearAsync(cancellationToken).ConfigureAwait(false);
                vectorsFit = false;
            }
        }

        await CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private long ReadMarker()
    {
        try
        {
            return File.Exists(_markerPath) && long.TryParse(File.ReadAllText(_markerPath).Trim(), CultureInfo.InvariantCulture, out var value) ? value : -1;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Index folder behind its catalog (indexes at generation {Marker}, catalog at {Generation}); rebuilding {Chunks} chunks from stored embeddings")]
        public static partial void Rebuilding(ILogger logger, long marker, long generation, int chunks);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "The derived index in {Directory} could not be opened; it is deleted and will be rebuilt from the catalog")]
        public static partial void Discarding(ILogger logger, string directory, Exception exception);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "The catalog's stored embeddings do not fit the vector index (was the embedding model changed?); only the keyword route answers until the next ingest embeds every document again")]
        public static partial void EmbeddingsDoNotFit(ILogger logger, Exception exception);
    }
}
