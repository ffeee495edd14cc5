namespace Assistant.Rag.Graph;

/// <summary>
/// Settings of the knowledge graph (section <see cref="SectionName"/>). Only the import file so far, read by
/// <c>graph query</c>; the graph route that will bind and validate this section at start is not built yet.
/// </summary>
internal sealed class GraphOptions
{
    public const string SectionName = "Graph";

    /// <summary>The Cypher import script the embedded graph is built from, relative to the content root.</summary>
    public string ImportFile { get; set; } = "samples/graph/company.cypher";
}
