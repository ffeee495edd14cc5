using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Ingestion;

/// <summary>How documents are cut into chunks (configuration section "Rag:Chunking").</summary>
public sealed class ChunkingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag:Chunking";

    /// <summary>Chunk size in model tokens, including the title and heading prefix that is embedded with it.</summary>
    [Range(64, 512)]
    public int ChunkTokens { get; set; } = 256;

    /// <summary>Share of a chunk repeated at the start of the next one, in whole sentences.</summary>
    [Range(0.0, 0.5)]
    public double Overlap { get; set; } = 0.15;

    /// <summary>Fixed-size chunks (the default) or semantic chunks cut where adjacent sentences stop being similar.</summary>
    public ChunkingStrategy Strategy { get; set; } = ChunkingStrategy.Fixed;

    /// <summary>
    /// Semantic only: a cut is made between two sentences whose similarity is below this percentile of all adjacent-sentence
    /// similarities in the document (20: the weakest fifth of the links).
    /// </summary>
    [Range(1.0, 99.0)]
    public double SemanticBreakPercentile { get; set; } = 20;

    /// <summary>Semantic only: no chunk is cut shorter than this many tokens of text, unless its section ends.</summary>
    [Range(16, 256)]
    public int SemanticMinTokens { get; set; } = 64;
}
