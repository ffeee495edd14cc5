using System.ComponentModel.DataAnnotations;

namespace Assistant.Rag.Graph;

/// <summary>
/// The knowledge-graph route (configuration section <see cref="SectionName"/>): the graph it answers from, its stored
/// question→Cypher examples and the limits every query runs under. With no import file the embedded Fernhill Labs
/// company graph is used.
/// </summary>
internal sealed class GraphOptions
{
    public const string SectionName = "Graph";

    /// <summary>False: the graph route is not registered and the router never chooses it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The graph's name, shown in citations ("fernhill graph").</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "Graph:Name must be letters, digits, '-' or '_'.")]
    public string Name { get; set; } = "fernhill";

    /// <summary>The Cypher import script the embedded graph is built from, relative to the content root; empty: the embedded sample company graph.</summary>
    public string ImportFile { get; set; } = string.Empty;

    /// <summary>Question→Cypher examples (JSON array of {question, cypher, answer?}), relative to the content root; empty: the sample's.</summary>
    public string ExamplesFile { get; set; } = string.Empty;

    /// <summary>Confidence below which the example-based Text2Cypher runs nothing and declines (measured with eval-cypher).</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.70;

    /// <summary>Rows kept per result; the LIMIT added to a query that has none.</summary>
    [Range(1, 10_000)]
    public int RowLimit { get; set; } = 50;

    /// <summary>Time one query may run, in milliseconds, before it is stopped.</summary>
    [Range(10, 600_000)]
    public int TimeoutMilliseconds { get; set; } = 2000;

    /// <summary>A Neo4j server over its HTTP Query API (<see cref="Neo4jGraphClient"/>); empty URL: none.</summary>
    public Neo4jOptions Neo4j { get; set; } = new();
}
