namespace Assistant.Rag.Ingestion;

/// <summary>What <see cref="HypotheticalQuestionGenerator.GenerateAsync"/> got from the LLM.</summary>
/// <param name="ByContentHash">Questions by chunk content hash; a chunk without any is absent.</param>
/// <param name="FailedChunks">Chunks left without questions because their call failed, timed out, was unreadable or was
/// not sent after repeated failures (not those a readable reply simply gave none): asking again later may help them.</param>
public sealed record GeneratedQuestions(IReadOnlyDictionary<string, IReadOnlyList<string>> ByContentHash, int FailedChunks)
{
    /// <summary>Nothing asked, nothing failed.</summary>
    public static GeneratedQuestions None { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), 0);
}
