namespace Assistant.Rag.Query;

/// <summary>What the LLM added to one question.</summary>
/// <param name="Alternatives">Other phrasings to search as well (RAG-Fusion); empty when off or failed.</param>
/// <param name="StepBack">The more general question behind a why/how question; null when off, not why/how, or failed.</param>
/// <param name="Hypothetical">A hypothetical answer to embed for the vector route (HyDE); null when off or failed.</param>
public sealed record QueryExpansion(IReadOnlyList<string> Alternatives, string? StepBack, string? Hypothetical)
{
    /// <summary>Nothing added.</summary>
    public static QueryExpansion None { get; } = new([], null, null);
}
