using Assistant.Rag.Generation;
using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Feedback;

/// <summary>Turns a fused ranking and the citations made from it into the evidence an answer is stored with.</summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class AnswerEvidenceBuilder
{
    /// <summary>Uncited hits kept beyond the cited ones: enough to see what a vote displaced, few enough to stay small.</summary>
    public const int Depth = 20;

    /// <summary>
    /// The top <see cref="Depth"/> hits plus every cited chunk, in fused order. A chunk belongs to the citation whose
    /// <see cref="Citation.ChunkIds"/> name it.
    /// </summary>
    public static IReadOnlyList<AnswerEvidence> Build(IReadOnlyList<FusedHit> hits, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(citations);
        var citedAs = new Dictionary<string, (int N, string DocumentId)>(StringComparer.Ordinal);
        foreach (var citation in citations)
        {
            foreach (var chunk in citation.ChunkIds)
            {
                citedAs.TryAdd(chunk, (citation.N, citation.DocumentId));
            }
        }

        var evidence = new List<AnswerEvidence>();
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            var cited = citedAs.TryGetValue(hit.ChunkId, out var c);
            if (i >= Depth && !cited)
            {
                continue;
            }

            var route = hit.RouteRanks.Count == 0 ? string.Empty : hit.RouteRanks.MinBy(r => r.Value).Key;
            evidence.Add(new AnswerEvidence(hit.ChunkId, cited ? c.DocumentId : DocumentOf(hit.ChunkId), i + 1, route, hit.RouteRanks, hit.Score, cited ? c.N : 0, hit.Feedback));
        }

        return evidence;
    }

    /// <summary>The document of a chunk id ("{document}#{section}.{ordinal}"; an id without '#' is its own document).</summary>
    public static string DocumentOf(string chunkId)
    {
        ArgumentNullException.ThrowIfNull(chunkId);
        var hash = chunkId.LastIndexOf('#');
        return hash < 0 ? chunkId : chunkId[..hash];
    }
}
