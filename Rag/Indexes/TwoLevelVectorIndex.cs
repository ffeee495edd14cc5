using System.Numerics.Tensors;
using Assistant.Rag.Access;

namespace Assistant.Rag.Indexes;

/// <summary>
/// A vector index that can search in two levels: first the documents, each summarised by the normalised mean of its
/// chunk embeddings, then only the chunks of the <see cref="Documents"/> best documents, exactly. With
/// <see cref="Documents"/> 0 every search goes to the wrapped (flat) index unchanged. Writes go to both.
/// </summary>
/// <remarks>
/// The document of a chunk is the part of its id before the last '#' ("{document}#{section}.{ordinal}"). Holds every
/// chunk embedding in memory as floats (1.5 KB per 384-dimensional chunk). Searches may run concurrently with each other
/// and with a writer: they use an immutable snapshot, rebuilt on the first search after a write. Writes are serialised
/// by the caller, as for any <see cref="IVectorIndex"/>.
/// </remarks>
public sealed class TwoLevelVectorIndex : IVectorIndex, IDisposable
{
    private readonly IVectorIndex _inner;
    private readonly Dictionary<string, float[]> _chunks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>?> _acls = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private int _documents;

    /// <summary>Wraps <paramref name="inner"/> (and owns it: disposing this disposes it), starting from <paramref name="existing"/> (the chunks it already holds).</summary>
    public TwoLevelVectorIndex(IVectorIndex inner, IEnumerable<VectorRecord> existing, int documents)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(existing);
        _inner = inner;
        Documents = documents;
        foreach (var record in existing)
        {
            _chunks[record.Id] = Normalised(record.Vector.Span);
            _acls[record.Id] = record.Acl;
        }
    }

    /// <summary>Wraps <paramref name="flat"/>, loading the chunk and hypothetical-question embeddings <paramref name="catalog"/> holds.</summary>
    public static TwoLevelVectorIndex Open(IVectorIndex flat, ChunkCatalog catalog, int documents)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TwoLevelVectorIndex(flat, catalog.ReadAll().Select(c => new VectorRecord(c.Chunk.Id, c.Embedding, c.Chunk.Acl)).Concat(catalog.ReadAllQuestionVectors()), documents);
    }

    /// <summary>How many documents the chunk search is restricted to; 0 searches the wrapped index over all chunks.</summary>
    public int Documents
    {
        get => Volatile.Read(ref _documents);
        set => Volatile.Write(ref _documents, value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Documents must be 0 or more."));
    }

    /// <inheritdoc />
    public int Count => _inner.Count;

    /// <inheritdoc />
    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await _inner.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var record in records)
            {
                _chunks[record.Id] = Normalised(record.Vector.Span);
                _acls[record.Id] = record.Acl;
            }

            _snapshot = null;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await _inner.DeleteAsync(ids, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var id in ids)
            {
                _chunks.Remove(id);
                _acls.Remove(id);
            }

            _snapshot = null;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScoredId>> SearchAsync(ReadOnlyMemory<float> query, int top, CancellationToken cancellationToken = default) =>
        SearchCoreAsync(query, top, null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Both levels filter: documents the filter does not allow are not ranked, so the best allowed documents are
    /// searched.</remarks>
    public Task<IReadOnlyList<ScoredId>> SearchAsync(ReadOnlyMemory<float> query, int top, AccessFilter access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        return SearchCoreAsync(query, top, access, cancellationToken);
    }

    private async Task<IReadOnlyList<ScoredId>> SearchCoreAsync(ReadOnlyMemory<float> query, int top, AccessFilter? access, CancellationToken cancellationToken)
    {
        var documents = Documents;
        if (documents == 0)
        {
            return access is null
                ? await _inner.SearchAsync(query, top, cancellationToken).ConfigureAwait(false)
                : await _inner.SearchAsync(query, top, access, cancellationToken).ConfigureAwait(false);
        }

        if (top <= 0)
        {
            return [];
        }

        var snapshot = Current();
        var normalised = Normalised(query.Span);
        var best = new TopKHeap(Math.Min(documents, Math.Max(1, snapshot.DocumentChunks.Length)));
        for (var d = 0; d < snapshot.DocumentChunks.Length; d++)
        {
            // A document's chunks share its access list, so its first chunk's list decides.
            if (access is not null && snapshot.DocumentChunks[d].Length > 0 && !access.Allows(snapshot.Acls[snapshot.DocumentChunks[d][0]]))
            {
                continue;
            }

            best.Add(TensorPrimitives.Dot(normalised, snapshot.Summaries.AsSpan(d * snapshot.Dimensions, snapshot.Dimensions)), d);
        }

        var hits = new TopKHeap(top);
        foreach (var (_, document) in best.ToSortedArray())
        {
            foreach (var slot in snapshot.DocumentChunks[document])
            {
                hits.Add(TensorPrimitives.Dot(normalised, snapshot.Vectors[slot]), slot);
            }
        }

        return [.. hits.ToSortedArray().Select(h => new ScoredId(snapshot.Ids[h.Slot], h.Score))];
    }

    /// <inheritdoc />
    public Task SaveAsync(CancellationToken cancellationToken = default) => _inner.SaveAsync(cancellationToken);

    /// <inheritdoc />
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await _inner.ClearAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _chunks.Clear();
            _acls.Clear();
            _snapshot = null;
        }
    }

    /// <summary>Disposes the wrapped index, which this one owns.</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();

    /// <summary>The document of a chunk id: the part before the last '#', or the whole id.</summary>
    public static string DocumentOf(string chunkId)
    {
        ArgumentNullException.ThrowIfNull(chunkId);
        var hash = chunkId.LastIndexOf('#');
        return hash < 0 ? chunkId : chunkId[..hash];
    }

    private Snapshot Current()
    {
        lock (_gate)
        {
            return _snapshot ??= Build();
        }
    }

    private Snapshot Build()
    {
        var ids = _chunks.Keys.Order(StringComparer.Ordinal).ToArray();
        var vectors = ids.Select(id => _chunks[id]).ToArray();
        var dimensions = vectors.Length == 0 ? 0 : vectors[0].Length;
        var byDocument = ids.Select((id, slot) => (Document: DocumentOf(id), Slot: slot)).GroupBy(x => x.Document, StringComparer.Ordinal).ToList();
        var summaries = new float[byDocument.Count * dimensions];
        var documentChunks = new int[byDocument.Count][];
        for (var d = 0; d < byDocument.Count; d++)
        {
            documentChunks[d] = [.. byDocument[d].Select(x => x.Slot)];
            var summary = summaries.AsSpan(d * dimensions, dimensions);
            foreach (var slot in documentChunks[d])
            {
                TensorPrimitives.Add(summary, vectors[slot], summary);
            }

            var norm = TensorPrimitives.Norm(summary);
            if (norm > 0)
            {
                TensorPrimitives.Divide(summary, norm, summary);
            }
        }

        return new Snapshot(ids, vectors, dimensions, summaries, documentChunks, [.. ids.Select(id => _acls.GetValueOrDefault(id))]);
    }

    private static float[] Normalised(ReadOnlySpan<float> vector)
    {
        var result = vector.ToArray();
        var norm = TensorPrimitives.Norm(result);
        if (norm > 0)
        {
            TensorPrimitives.Divide(result, norm, result);
        }

        return result;
    }

    private sealed record Snapshot(string[] Ids, float[][] Vectors, int Dimensions, float[] Summaries, int[][] DocumentChunks, IReadOnlyList<string>?[] Acls);
}
