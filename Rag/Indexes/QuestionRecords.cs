using System.Globalization;
using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Indexes;

/// <summary>
/// How a chunk's hypothetical questions live in the derived indexes: in the vector index, one record per question whose
/// id names its chunk ("{chunkId}~q{ordinal}"); in the keyword index, appended to the chunk's own text.
/// </summary>
/// <remarks>
/// The suffix follows the chunk id's last '#' ("{document}#{section}.{ordinal}"), where only digits and a dot stand, so
/// it never collides with a chunk id and leaves the document part (<see cref="TwoLevelVectorIndex.DocumentOf"/>) intact.
/// </remarks>
public static class QuestionRecords
{
    private const string Marker = "~q";

    /// <summary>The vector-index id of question <paramref name="ordinal"/> (from 0) of chunk <paramref name="chunkId"/>.</summary>
    public static string Id(string chunkId, int ordinal)
    {
        ArgumentException.ThrowIfNullOrEmpty(chunkId);
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        return chunkId + Marker + ordinal.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The chunk a vector-index id stands for: the chunk of a question record, or the id itself for a chunk.</summary>
    public static string ChunkOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var marker = id.LastIndexOf(Marker, StringComparison.Ordinal);
        if (marker <= 0 || marker < id.LastIndexOf('#') || marker + Marker.Length == id.Length)
        {
            return id;
        }

        foreach (var c in id.AsSpan(marker + Marker.Length))
        {
            if (!char.IsAsciiDigit(c))
            {
                return id;
            }
        }

        return id[..marker];
    }

    /// <summary>
    /// The chunk as the keyword index should see it: its text followed by its questions (doc2query), so that a question's
    /// words, which the chunk may never use, find the chunk too. The chunk itself is unchanged; only the index sees this.
    /// </summary>
    public static Chunk ForKeywords(Chunk chunk, IReadOnlyList<HypotheticalQuestion>? questions)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return questions is null || questions.Count == 0
            ? chunk
            : chunk with { Text = chunk.Text + "\n\n" + string.Join('\n', questions.Select(q => q.Text)) };
    }
}
