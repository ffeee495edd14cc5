namespace Assistant.Rag.Ingestion;

/// <summary>What an ingest changed.</summary>
/// <param name="Added">New documents.</param>
/// <param name="Updated">Documents whose content changed and were replaced.</param>
/// <param name="Unchanged">Documents skipped because their content hash was unchanged.</param>
/// <param name="Removed">Documents removed because the source no longer has them.</param>
/// <param name="Chunks">Chunks written for added and updated documents.</param>
/// <param name="ChunksEmbedded">Chunks that needed the embedding model.</param>
/// <param name="ChunksReused">Chunks whose embedding was reused from identical content already in the catalog.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record IngestResult(int Added, int Updated, int Unchanged, int Removed, int Chunks, int ChunksEmbedded, int ChunksReused, TimeSpan Elapsed)
{
    /// <summary>
    /// Chunks indexed without hypothetical questions because an LLM call for them failed (0 when questions are off);
    /// the next ingest of the source asks again for them.
    /// </summary>
    public int ChunksWithoutQuestions { get; init; }

    /// <summary>Chunks embedded per second of wall time (0 when none were embedded).</summary>
    public double ChunksPerSecond => ChunksEmbedded == 0 || Elapsed <= TimeSpan.Zero ? 0 : ChunksEmbedded / Elapsed.TotalSeconds;
}
