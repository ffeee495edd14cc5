using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag;

/// <summary>Where the engine keeps its index and what it indexes on first start (configuration section "Rag").</summary>
public sealed class RagOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rag";

    /// <summary>Index folder (catalog, vector index, keyword index, feedback); relative paths are relative to the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string IndexPath { get; set; } = "data/index";

    /// <summary>Folder indexed on first start when the index is empty; empty to start with an empty index.</summary>
    public string SamplesPath { get; set; } = "samples/kb";
}
