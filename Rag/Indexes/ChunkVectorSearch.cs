using Assistant.Rag.Access;

namespace Assistant.Rag.Indexes;

/// <summary>Vector search that answers with chunks only, whatever extra records (hypothetical questions) the index holds.</summary>
public static class ChunkVectorSearch
{
    /// <summary>
    /// The <paramref name="top"/> chunks nearest to <paramref name="query"/>, best first. A hit on one of a chunk's question
    /// records counts as a hit on the chunk; each chunk appears once, with its best score. An index without question
    /// records costs one search of <paramref name="top"/>, as before; with them the search widens until
    /// <paramref name="top"/> distinct chunks are found or the index is exhausted.
    /// </summary>
    /// <remarks>Thread-safe as <paramref name="index"/>'s search is.</remarks>
    public static Task<IReadOnlyList<ScoredId>> SearchChunksAsync(this IVectorIndex index, ReadOnlyMemory<float> query, int top, CancellationToken cancellationToken = default) =>
        SearchChunksAsync(index, query, top, null, cancellationToken);

    /// <summary>As the unfiltered overload, among the records <paramref name="access"/> allows (filtered inside the index's
    /// search); null searches every record.</summary>
    public static async Task<IReadOnlyList<ScoredId>> SearchChunksAsync(this IVectorIndex index, ReadOnlyMemory<float> query, int top, AccessFilter? access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (top <= 0)
        {
            return [];
        }

        var fetch = top;
        while (true)
        {
            var hits = access is null
                ? await index.SearchAsync(query, fetch, cancellationToken).ConfigureAwait(false)
                : await index.SearchAsync(query, fetch, access, cancellationToken).ConfigureAwait(false);
            var best = new Dictionary<string, float>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var hit in hits)
            {
                // Hits come best first, so the first record of a chunk carries its best score.
                var chunk = QuestionRecords.ChunkOf(hit.Id);
                if (best.TryAdd(chunk, hit.Score))
                {
                    order.Add(chunk);
                }
            }

            if (order.Count >= top || hits.Count < fetch || fetch >= index.Count)
            {
                return [.. order.Take(top).Select(id => new ScoredId(id, best[id]))];
            }

            fetch = (int)Math.Min((long)fetch * 4, int.MaxValue);
        }
    }
}
