using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Ingestion;

/// <summary>How documents are cut into chunks (configuration section "Rag:Chunking").</summary>
public sealed class ChunkingOptions
{
    /// <summary>Chunk size in model tokens, including the title and heading prefix that is embedded with it.</summary>
    [Range(64, 512)]
    public int ChunkTokens { get; set; } = 256;

    /// <summary>Share of a chunk repeated at the start of the next one, in whole sentences.</summary>
    [Range(0.0, 0.5)]
    public double Overlap { get; set; } = 0.15;
}
