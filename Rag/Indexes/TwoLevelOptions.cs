using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Indexes;

/// <summary>Two-level vector search (configuration section "Rag:TwoLevel"): documents first, then their chunks.</summary>
public sealed class TwoLevelOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Rag:TwoLevel";

    /// <summary>
    /// How many documents, ranked by the mean of their chunk embeddings, the vector search is restricted to; 0 (the default)
    /// searches every chunk. Off by default: on the sample set and SciFact it lost quality and saved no time (README, Quality).
    /// </summary>
    [Range(0, 100_000)]
    public int Documents { get; set; }
}
