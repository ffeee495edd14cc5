using Assistant.Rag.Access;
using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Indexes;

/// <summary>
/// BM25 keyword search over chunks (title, heading and text), with the analyser chosen per chunk language.
/// </summary>
/// <remarks>Same concurrency and durability contract as <see cref="IVectorIndex"/>.</remarks>
public interface IKeywordIndex
{
    /// <summary>Number of chunks currently searchable.</summary>
    int Count { get; }

    /// <summary>Adds or replaces chunks by <see cref="Chunk.Id"/>.</summary>
    Task UpsertAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Removes chunks by id; unknown ids are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="top"/> best BM25 matches for free text, best first, whatever their access lists. Empty text gives no hits.</summary>
    Task<IReadOnlyList<ScoredId>> SearchAsync(string text, int top, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="top"/> best matches among chunks whose access list <paramref name="access"/> allows, the filter
    /// applied inside the search. This is the overload answers to people use; the unfiltered one is for evaluation.
    /// </summary>
    Task<IReadOnlyList<ScoredId>> SearchAsync(string text, int top, AccessFilter access, CancellationToken cancellationToken = default);

    /// <summary>Makes all changes durable.</summary>
    Task SaveAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes everything.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
