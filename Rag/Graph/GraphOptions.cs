using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Graph;

/// <summary>Settings of the knowledge-graph route (section <see cref="SectionName"/>).</summary>
public sealed class GraphOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Graph";

    /// <summary>The Cypher import script the embedded graph is built from, relative to the content root.</summary>
    [Required]
    public string ImportFile { get; set; } = "samples/graph/company.cypher";

    /// <summary>The name the graph is cited by in answers.</summary>
    [Required]
    public string Name { get; set; } = "company";

    /// <summary>The LIMIT added to a query that has none, and the most rows an answer keeps.</summary>
    [Range(1, 10_000)]
    public int MaxRows { get; set; } = 200;

    /// <summary>How long one query may run, in milliseconds.</summary>
    [Range(10, 60_000)]
    public int TimeoutMilliseconds { get; set; } = 2000;
}
