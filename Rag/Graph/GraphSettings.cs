using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Assistant.Rag.Graph;

/// <summary>Reads the graph's settings from configuration the way the host does, for commands that run without a host.</summary>
public static class GraphSettings
{
    /// <summary>The full path of <c>Graph:ImportFile</c> under <paramref name="contentRoot"/>, or null when unset (the embedded sample graph).</summary>
    public static string? ImportFile(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new GraphOptions();
        configuration.GetSection(GraphOptions.SectionName).Bind(options);
        return string.IsNullOrWhiteSpace(options.ImportFile) ? null : Path.GetFullPath(options.ImportFile, contentRoot);
    }

    /// <summary>The configured graph: the import file when one is set, else the embedded Fernhill Labs company graph.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="CypherSyntaxException">The script does not parse.</exception>
    public static EmbeddedGraph Load(IConfiguration configuration, string contentRoot) =>
        ImportFile(configuration, contentRoot) is { } file ? EmbeddedGraph.FromFile(file) : EmbeddedGraph.FromScript(SampleScript, SampleGraphFile);

    /// <summary>The embedded Fernhill Labs company graph's import script (samples/graph/fernhill.cypher).</summary>
    public static string SampleScriptText() => SampleScript;

    /// <summary>
    /// Runs one read query on the Neo4j server of <c>Graph:Neo4j</c> (guard, EXPLAIN check, read access mode), or returns
    /// null when none is configured.
    /// </summary>
    /// <exception cref="GraphQueryRefusedException">The guard or the plan check refused it.</exception>
    /// <exception cref="CypherRuntimeException">The server failed or answered with an error.</exception>
    public static async Task<GraphRows?> QueryNeo4jAsync(IConfiguration configuration, string cypher, int maxRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new GraphOptions();
        configuration.GetSection(GraphOptions.SectionName).Bind(options);
        if (!options.Neo4j.IsConfigured)
        {
            return null;
        }

        if (!Uri.TryCreate(options.Neo4j.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new CypherRuntimeException($"Graph:Neo4j:Url must be an http or https address (got '{options.Neo4j.Url}').");
        }

        using var http = new HttpClient();
        return await new Neo4jGraphClient(http, options.Neo4j).QueryAsync(cypher, null, maxRows, cancellationToken).ConfigureAwait(false);
    }

    internal const string SampleGraphFile = "fernhill.cypher";

    internal const string SampleExamplesFile = "fernhill.examples.json";

    /// <summary>The embedded sample company graph's import script (samples/graph/fernhill.cypher).</summary>
    internal static string SampleScript => Resource(SampleGraphFile);

    /// <summary>The embedded sample's question→Cypher examples (samples/graph/fernhill.examples.json).</summary>
    internal static string SampleExamples => Resource(SampleExamplesFile);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Assistant.Rag.Graph.Data." + name)
            ?? throw new InvalidDataException($"The embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
