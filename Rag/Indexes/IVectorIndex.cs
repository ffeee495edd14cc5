using Assistant.Rag.Access;

namespace Assistant.Rag.Indexes;

/// <summary>
/// Nearest-neighbour search over chunk embeddings by cosine similarity.
/// </summary>
/// <remarks>
/// Searches may run concurrently with each other; writes (<see cref="UpsertAsync"/>, <see cref="DeleteAsync"/>,
/// <see cref="SaveAsync"/>) are serialised by the caller (the ingestion pipeline holds one writer).
/// Changes become durable on <see cref="SaveAsync"/>; a crash before it leaves the last saved state intact.
/// </remarks>
public interface IVectorIndex
{
    /// <summary>Number of vectors currently searchable.</summary>
    int Count { get; }

    /// <summary>Adds or replaces vectors by id. Vectors need not be normalised.</summary>
    Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Removes vectors by id; unknown ids are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="top"/> most similar vectors, best first, with cosine similarity as score, whatever their access
    /// lists: for evaluation, benchmarks and maintenance. Answers to people go through the filtered overload.
    /// </summary>
    Task<IReadOnlyList<ScoredId>> SearchAsync(ReadOnlyMemory<float> query, int top, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="top"/> most similar vectors among those whose access list <paramref name="access"/> allows,
    /// best first. The filter runs inside the search (before the top <paramref name="top"/> are chosen), never on its
    /// result, so a restricted majority cannot crowd the allowed hits out.
    /// </summary>
    Task<IReadOnlyList<ScoredId>> SearchAsync(ReadOnlyMemory<float> query, int top, AccessFilter access, CancellationToken cancellationToken = default);

    /// <summary>Makes all changes durable (atomically: the saved state is either the old or the new one).</summary>
    Task SaveAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes everything.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
