using System.Diagnostics;
using System.Globalization;
using Assistant.Rag.Indexes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// Writes documents into the index folder: chunk, embed what is new, ask the LLM for each new chunk's hypothetical
/// questions when that is on, replace each document's chunks in the catalog and both indexes, remove what the source no
/// longer has, commit.
/// </summary>
/// <remarks>
/// One ingest runs at a time (it holds the index's write lock); searches go on meanwhile and see the previous
/// committed state until the commit. Idempotent: ingesting the same content again does no embedding work.
/// Documents are written in groups, each group committed, so an interrupted ingest keeps what it finished.
/// </remarks>
public sealed partial class IngestionPipeline
{
    private const int DocumentsPerGroup = 256;
    private const int EmbeddingBatch = 64;
    private readonly KnowledgeIndex _index;
    private readonly TextChunker _chunker;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemanticChunker? _semanticChunker;
    private readonly HypotheticalQuestionGenerator? _questions;

    /// <summary>
    /// Creates the pipeline. <paramref name="semanticChunker"/> cuts the documents instead of <paramref name="chunker"/> when it
    /// is given and enabled (<see cref="ChunkingStrategy.Semantic"/>). <paramref name="questions"/>, when given and on, writes
    /// each chunk's hypothetical questions (index-time HyDE); null indexes chunks only.
    /// </summary>
    public IngestionPipeline(KnowledgeIndex index, TextChunker chunker, IEmbeddingGenerator<string, Embedding<float>> embedder, TimeProvider time, ILogger<IngestionPipeline> logger, SemanticChunker? semanticChunker = null, HypotheticalQuestionGenerator? questions = null)
    {
        _index = index;
        _chunker = chunker;
        _embedder = embedder;
        _time = time;
        _logger = logger;
        _semanticChunker = semanticChunker;
        _questions = questions;
    }

    /// <summary>
    /// Ingests <paramref name="documents"/> from <paramref name="source"/>. With <paramref name="removeMissing"/>, documents of that
    /// source that are neither in <paramref name="documents"/> nor in <paramref name="keep"/> (e.g. files that failed to parse this
    /// time, whose last good version stays) are removed from every index.
    /// </summary>
    public async Task<IngestResult> IngestAsync(
        string source,
        IReadOnlyList<SourceDocument> documents,
        bool removeMissing = false,
        IReadOnlyCollection<string>? keep = null,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(documents);
        using var activity = RagTelemetry.ActivitySource.StartActivity("ingest");
        activity?.SetTag("assistant.ingest.source", source);
        activity?.SetTag("assistant.ingest.offered", documents.Count);
        var started = Stopwatch.GetTimestamp();
        int added = 0, updated = 0, unchanged = 0, removed = 0, chunks = 0, embedded = 0, reused = 0, done = 0, withoutQuestions = 0;

        await _index.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureModelAsync(cancellationToken).ConfigureAwait(false);

            // When the number of questions per chunk changed since this source was last ingested, unchanged documents are
            // revisited too, so that the index follows the setting (questions stored for unchanged chunks are reused).
            var questionsPerChunk = _questions?.QuestionsPerChunk ?? 0;
            var questionSetting = QuestionSettingKey(source);
            var revisit = (_index.Catalog.GetSetting(questionSetting) ?? "0") != questionsPerChunk.ToString(CultureInfo.InvariantCulture);
            foreach (var group in documents.DistinctBy(d => d.Id).Chunk(DocumentsPerGroup))
            {
                var changed = new List<(ChunkedDocument Document, bool IsNew)>();
                foreach (var document in group)
                {
                    // Decided before chunking: semantic chunking embeds every sentence, which an unchanged document must not cost.
                    var existing = _index.Catalog.GetDocument(document.Id);
                    var contentHash = TextChunker.ContentHashOf(document);
                    if (!revisit && existing is not null && existing.ContentHash == contentHash && existing.Version == (document.Version ?? contentHash[..16]) && existing.Source == source
                        && SameAcl(existing.Acl, document.Acl))
                    {
                        unchanged++;
                        continue;
                    }

                    var chunked = _semanticChunker is { IsEnabled: true }
                        ? await _semanticChunker.ChunkAsync(document, cancellationToken).ConfigureAwait(false)
                        : _chunker.Chunk(document);
                    changed.Add((chunked, existing is null));
                }

                var vectors = await EmbedAsync(changed.Select(c => c.Document).ToList(), done, documents.Count, embedded, started, progress, cancellationToken).ConfigureAwait(false);
                embedded += vectors.Embedded;
                reused += vectors.Reused;
                var (questionsByHash, failedQuestions) = await QuestionsAsync(changed.Select(c => c.Document).ToList(), questionsPerChunk, cancellationToken).ConfigureAwait(false);
                withoutQuestions += failedQuestions;
                foreach (var (document, isNew) in changed)
                {
                    var byChunk = document.Pieces.ToDictionary(p => p.Chunk.Id, p => vectors.ByHash[p.Chunk.ContentHash]);
                    var questions = document.Pieces
                        .Where(p => questionsByHash.ContainsKey(p.Chunk.ContentHash))
                        .ToDictionary(p => p.Chunk.Id, p => questionsByHash[p.Chunk.ContentHash], StringComparer.Ordinal);
                    var oldQuestions = _index.Catalog.GetQuestionRecordIds(document.Source.Id);
                    var old = _index.Catalog.ReplaceDocument(source, document, byChunk, _time.GetUtcNow(), questions);
                    var current = document.Pieces.Select(p => p.Chunk.Id).ToHashSet(StringComparer.Ordinal);
                    var stale = old.Where(id => !current.Contains(id)).ToList();
                    // A permission change with unchanged content is re-applied too: its embeddings are reused by hash.
                    var acl = Access.Principals.Normalize(document.Source.Acl);
                    var questionRecords = questions.SelectMany(q => q.Value.Select((question, i) => new VectorRecord(QuestionRecords.Id(q.Key, i), question.Embedding, acl))).ToList();
                    var currentQuestions = questionRecords.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
                    await _index.Vectors.DeleteAsync([.. stale, .. oldQuestions.Where(id => !currentQuestions.Contains(id))], cancellationToken).ConfigureAwait(false);
                    await _index.Keywords.DeleteAsync(stale, cancellationToken).ConfigureAwait(false);
                    await _index.Vectors.UpsertAsync([.. document.Pieces.Select(p => new VectorRecord(p.Chunk.Id, byChunk[p.Chunk.Id], acl)), .. questionRecords], cancellationToken).ConfigureAwait(false);
                    await _index.Keywords.UpsertAsync([.. document.Pieces.Select(p => QuestionRecords.ForKeywords(p.Chunk, questions.GetValueOrDefault(p.Chunk.Id)))], cancellationToken).ConfigureAwait(false);
                    chunks += document.Pieces.Count;
                    if (isNew)
                    {
                        added++;
                    }
                    else
                    {
                        updated++;
                    }
                }

                done += group.Length;
                if (changed.Count > 0)
                {
                    await _index.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                progress?.Report(new IngestProgress(done, documents.Count, embedded, Rate(embedded, started)));
            }

            if (removeMissing)
            {
                var present = documents.Select(d => d.Id).Concat(keep ?? []).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in _index.Catalog.GetDocuments(source).Where(d => !present.Contains(d.Id)))
                {
                    await RemoveUnlockedAsync(gone.Id, cancellationToken).ConfigureAwait(false);
                    removed++;
                }

                if (removed > 0)
                {
                    await _index.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (withoutQuestions > 0)
            {
                // Recorded as not matching any setting, so the next ingest of this source revisits its documents and asks
                // again for the chunks that have no questions (the others reuse theirs).
                _index.Catalog.SetSetting(questionSetting, questionsPerChunk.ToString(CultureInfo.InvariantCulture) + " incomplete");
                Log.QuestionsIncomplete(_logger, source, withoutQuestions);
            }
            else if (revisit)
            {
                _index.Catalog.SetSetting(questionSetting, questionsPerChunk.ToString(CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            _index.WriteLock.Release();
        }

        var result = new IngestResult(added, updated, unchanged, removed, chunks, embedded, reused, Stopwatch.GetElapsedTime(started)) { ChunksWithoutQuestions = withoutQuestions };
        IngestMetrics.Record(source, result, activity);
        Log.Ingested(_logger, source, added, updated, unchanged, removed, embedded, reused, result.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>Removes one document from every index; false when it was not indexed.</summary>
    public async Task<bool> RemoveAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await _index.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_index.Catalog.GetDocument(documentId) is null)
            {
                return false;
            }

            await RemoveUnlockedAsync(documentId, cancellationToken).ConfigureAwait(false);
            await _index.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _index.WriteLock.Release();
        }
    }

    private async Task RemoveUnlockedAsync(string documentId, CancellationToken cancellationToken)
    {
        var questions = _index.Catalog.GetQuestionRecordIds(documentId);
        var old = _index.Catalog.RemoveDocument(documentId);
        await _index.Vectors.DeleteAsync([.. old, .. questions], cancellationToken).ConfigureAwait(false);
        await _index.Keywords.DeleteAsync(old, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureModelAsync(CancellationToken cancellationToken)
    {
        // Vectors from another model are meaningless to this one: start again rather than mix them.
        var metadata = _embedder.GetService<EmbeddingGeneratorMetadata>();
        var model = $"{metadata?.DefaultModelId ?? _embedder.GetType().Name}:{metadata?.DefaultModelDimensions}";
        var stored = _index.Catalog.GetSetting("embedding-model");
        if (stored == model)
        {
            return;
        }

        if (stored is not null)
        {
            Log.ModelChanged(_logger, stored, model);
            foreach (var document in _index.Catalog.GetDocuments())
            {
                await RemoveUnlockedAsync(document.Id, cancellationToken).ConfigureAwait(false);
            }

            await _index.CommitAsync(cancellationToken).ConfigureAwait(false);
            _index.Catalog.ClearSentenceVectors();
        }

        _index.Catalog.SetSetting("embedding-model", model);
    }

    private async Task<(Dictionary<string, float[]> ByHash, int Embedded, int Reused)> EmbedAsync(
        List<ChunkedDocument> documents, int done, int total, int embeddedBefore, long started, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var pieces = documents.SelectMany(d => d.Pieces).ToList();
        var byHash = new Dictionary<string, float[]>(_index.Catalog.GetEmbeddingsByHash([.. pieces.Select(p => p.Chunk.ContentHash)]), StringComparer.Ordinal);
        var reused = pieces.Count(p => byHash.ContainsKey(p.Chunk.ContentHash));

        // Sorting by length before batching keeps padding, and so wasted model work, small.
        var pending = pieces.Where(p => !byHash.ContainsKey(p.Chunk.ContentHash))
            .DistinctBy(p => p.Chunk.ContentHash)
            .OrderBy(p => p.EmbeddingText.Length)
            .ToList();
        var embedded = 0;
        foreach (var batch in pending.Chunk(EmbeddingBatch))
        {
            var result = await _embedder.GenerateAsync(batch.Select(p => p.EmbeddingText), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                byHash[batch[i].Chunk.ContentHash] = result[i].Vector.ToArray();
            }

            embedded += batch.Length;
            Log.EmbeddedBatch(_logger, embedded, pending.Count, Rate(embeddedBefore + embedded, started));
            progress?.Report(new IngestProgress(done, total, embeddedBefore + embedded, Rate(embeddedBefore + embedded, started)));
        }

        return (byHash, pending.Count, reused);
    }

    // Questions are stored per chunk but reused by content: a chunk whose text is already in the catalog with questions
    // costs no LLM call, even if it has fewer than asked for now (the model may have found fewer, or the setting was
    // raised since: re-asking would cost a call per chunk on every revisit for little). Only the chunks left are sent,
    // and only their new questions embedded.
    private async Task<(IReadOnlyDictionary<string, IReadOnlyList<HypotheticalQuestion>> ByHash, int Failed)> QuestionsAsync(List<ChunkedDocument> documents, int perChunk, CancellationToken cancellationToken)
    {
        var byHash = new Dictionary<string, IReadOnlyList<HypotheticalQuestion>>(StringComparer.Ordinal);
        var chunks = documents.SelectMany(d => d.Pieces).Select(p => p.Chunk).DistinctBy(c => c.ContentHash, StringComparer.Ordinal).ToList();
        if (perChunk == 0 || chunks.Count == 0)
        {
            return (byHash, 0);
        }

        foreach (var (hash, stored) in _index.Catalog.GetQuestionsByHash([.. chunks.Select(c => c.ContentHash)]))
        {
            byHash[hash] = [.. stored.Take(perChunk)];
        }

        var reused = byHash.Count;
        var generated = await _questions!.GenerateAsync([.. chunks.Where(c => !byHash.ContainsKey(c.ContentHash))], cancellationToken).ConfigureAwait(false);
        var written = generated.ByContentHash;
        var texts = written.SelectMany(w => w.Value).Distinct(StringComparer.Ordinal).ToList();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var batch in texts.Chunk(EmbeddingBatch))
        {
            var result = await _embedder.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                vectors[batch[i]] = result[i].Vector.ToArray();
            }
        }

        foreach (var (hash, questions) in written)
        {
            byHash[hash] = [.. questions.Select(q => new HypotheticalQuestion(q, vectors[q]))];
        }

        Log.Questions(_logger, chunks.Count, reused, written.Count, texts.Count);
        return (byHash, generated.FailedChunks);
    }

    private static bool SameAcl(IReadOnlyList<string>? stored, IReadOnlyList<string>? offered) =>
        Access.Principals.Normalize(stored).SequenceEqual(Access.Principals.Normalize(offered), StringComparer.Ordinal);

    private static string QuestionSettingKey(string source) => "hypothetical-questions:" + source;

    private static double Rate(int count, long started)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return seconds <= 0 ? 0 : count / seconds;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Embedded {Done}/{Total} chunks of this group ({Rate:F1} chunks/s)")]
        public static partial void EmbeddedBatch(ILogger logger, int done, int total, double rate);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Ingested source {Source}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Removed} removed; {Embedded} chunks embedded, {Reused} reused, in {Seconds:F1} s")]
        public static partial void Ingested(ILogger logger, string source, int added, int updated, int unchanged, int removed, int embedded, int reused, double seconds);

        [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "The embedding model changed from {Old} to {New}; the index is emptied and every document embedded again")]
        public static partial void ModelChanged(ILogger logger, string old, string @new);

        [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Hypothetical questions for {Chunks} chunks of this group: {Reused} reused from the catalog, {Written} written by the LLM ({Embedded} questions embedded)")]
        public static partial void Questions(ILogger logger, int chunks, int reused, int written, int embedded);

        [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Source {Source}: {Chunks} chunks were indexed without hypothetical questions because LLM calls failed; the next ingest of the source asks again")]
        public static partial void QuestionsIncomplete(ILogger logger, string source, int chunks);
    }
}
