using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Tests.Support;

/// <summary>A second stage that reverses the head of the list and counts its calls, to see the retriever use it.</summary>
internal sealed class ReversingReranker(RerankerKind kind) : IReranker
{
    public int Calls { get; private set; }

    public RerankerKind Kind => kind;

    public Task<IReadOnlyList<FusedHit>> RerankAsync(string question, IReadOnlyList<FusedHit> hits, int depth, CancellationToken cancellationToken = default)
    {
        Calls++;
        var head = hits.Take(depth).Reverse().ToList();
        var reordered = head.Concat(hits.Skip(depth)).Select((h, i) => h with { Score = hits.Count - i }).ToList();
        return Task.FromResult<IReadOnlyList<FusedHit>>(reordered);
    }
}
