namespace Assistant.Rag.Graph;

/// <summary>
/// The embedded knowledge graph: a property graph loaded from a Cypher import script, queried read-only through the guard.
/// Thread-safe: the graph is immutable once loaded and every query runs on its own executor.
/// </summary>
public sealed class EmbeddedGraph
{
    internal EmbeddedGraph(PropertyGraph graph, string source)
    {
        Graph = graph;
        Source = source;
    }

    /// <summary>Where the graph came from (the import file's name, or "script").</summary>
    public string Source { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => Graph.Nodes.Count;

    /// <summary>Number of relationships.</summary>
    public int RelationshipCount => Graph.Relationships.Count;

    internal PropertyGraph Graph { get; }

    /// <summary>Loads a graph from the text of a Cypher import script (CREATE statements, CREATE INDEX/CONSTRAINT).</summary>
    /// <exception cref="CypherSyntaxException">The script does not parse.</exception>
    /// <exception cref="CypherRuntimeException">The script does something other than create nodes, relationships and indexes.</exception>
    public static EmbeddedGraph FromScript(string script, string source = "script") => new(CypherScriptLoader.Load(script), source);

    /// <summary>Loads a graph from an import script file.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static EmbeddedGraph FromFile(string path) => FromScript(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>
    /// Runs one read query (guarded, with a LIMIT of <paramref name="maxRows"/> added when it has none) within
    /// <paramref name="timeout"/>, and returns its rows as plain values.
    /// </summary>
    /// <exception cref="GraphQueryRefusedException">The guard refused the query.</exception>
    /// <exception cref="CypherRuntimeException">It failed while running, or ran past the timeout.</exception>
    public GraphRows Query(string cypher, IReadOnlyDictionary<string, object?>? parameters = null, int maxRows = 1000, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var result = Run(cypher, parameters, maxRows, timeout, cancellationToken).Result;
        return new GraphRows(result.Columns, result.Rows.Select(r => (IReadOnlyList<object?>)r.Select(GraphValues.ToPlain).ToList()).ToList());
    }

    internal (string Query, CypherResult Result) Run(string cypher, IReadOnlyDictionary<string, object?>? parameters, int maxRows, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var (query, statement) = CypherGuard.Check(cypher, maxRows);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            return (query, new CypherExecutor(Graph, parameters, deadline.Token).Run(statement));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CypherRuntimeException($"The query ran longer than {(timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds:0.#} s and was stopped.");
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new CypherRuntimeException("A regular expression took too long and was stopped.");
        }
    }
}
