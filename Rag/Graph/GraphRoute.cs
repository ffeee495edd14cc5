using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Assistant.Rag.Access;
using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Graph;

/// <summary>
/// The knowledge-graph route (Text2Cypher without an LLM): the nearest stored question→Cypher examples are adapted to the
/// question (the graph values and numbers it names put in for the example's), scored, and run read-only through the
/// guard with a row limit and a timeout; below the confidence threshold nothing runs and the three nearest answerable
/// questions are offered. Facts from documents the asker may not read are not in the graph the query runs on.
/// </summary>
/// <remarks>
/// Thread-safe. The first call loads the graph and embeds the examples; later calls cost one question embedding, one
/// catalog read of the graph's source documents' access lists, and one query. With no catalog (the evaluation command)
/// nothing is filtered.
/// </remarks>
public sealed partial class GraphRoute : IStructuredRoute, IDisposable
{
    private const int CitedDocuments = 3;
    private readonly GraphOptions _options;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly ILogger<GraphRoute> _logger;
    private readonly KnowledgeIndex? _index;
    private readonly Func<CancellationToken, Task<(string Script, string ScriptName, string Examples, string ExamplesName)>> _files;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, PropertyGraph> _views = new(StringComparer.Ordinal);
    private volatile GraphState? _state;

    internal GraphRoute(IOptions<GraphOptions> options, IEmbeddingGenerator<string, Embedding<float>> embeddings, ILogger<GraphRoute> logger, string contentRoot, KnowledgeIndex? index)
        : this(options, embeddings, logger, index, token => ReadFilesAsync(options.Value, contentRoot, token))
    {
    }

    internal GraphRoute(
        IOptions<GraphOptions> options,
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        ILogger<GraphRoute> logger,
        KnowledgeIndex? index,
        Func<CancellationToken, Task<(string Script, string ScriptName, string Examples, string ExamplesName)>> files)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _embeddings = embeddings;
        _logger = logger;
        _index = index;
        _files = files;
    }

    /// <inheritdoc />
    public string Name => Routing.RouteNames.Graph;

    /// <inheritdoc />
    public string Description =>
        $"{_options.Name}: the company knowledge graph (people and who they report to, teams and their leads, offices, systems and services with their owners, vendors and what they supply)";

    /// <inheritdoc />
    public async Task<StructuredReply> AnswerAsync(StructuredQuestion question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!_options.Enabled || string.IsNullOrWhiteSpace(question.Text))
        {
            return StructuredReply.Declined([]);
        }

        var state = await StateAsync(cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return StructuredReply.Declined([]);
        }

        var chinese = question.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || GraphText.HasCjk(question.Text);
        var (graph, readable) = View(state, question.Access);
        var linker = ReferenceEquals(graph, state.Graph) ? state.Linker : new GraphLinker(graph);

        var mentions = linker.Find(question.Text);
        var skeleton = Skeleton(question.Text, mentions);
        var vector = (await _embeddings.GenerateAsync([skeleton], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector.ToArray();
        var ranked = state.Examples
            .Select((e, i) => (Example: e, Index: i, Score: Similarity(vector, state.Vectors[i], skeleton, state.Skeletons[i], chinese)))
            .OrderByDescending(c => c.Score)
            .ToList();
        if (ranked.Count == 0)
        {
            return StructuredReply.Declined([]);
        }

        // Adapt the few nearest: one whose adaptation fits the question better can beat a closer one that does not.
        var best = ranked.Take(8)
            .Select(c => (c.Example, Adapted: CypherAdapter.Adapt(c.Example, ReferenceEquals(linker, state.Linker) ? state.Mentions[c.Index] : linker.Find(c.Example.Question), question.Text, mentions), c.Score))
            .Select(c => (c.Example, c.Adapted, Confidence: c.Score * c.Adapted.Trust * state.Cues.Fit(question.Text, c.Example.Cypher)))
            .MaxBy(c => c.Confidence);
        GraphLog.Matched(_logger, best.Example.Id, best.Confidence, _options.MinConfidence);
        var suggestions = Suggestions(ranked.Select(r => r.Example.Question), chinese);
        if (best.Confidence < _options.MinConfidence)
        {
            return StructuredReply.Declined(suggestions, best.Confidence);
        }

        try
        {
            var table = Execute(graph, best.Adapted.Cypher, mentions, readable, cancellationToken);
            GraphLog.Ran(_logger, question.Text, table.Query);
            return new StructuredReply(table, GraphAnswerSentence.Build(table, best.Adapted.Answer, chinese), best.Confidence, [], best.Example.Id);
        }
        catch (GraphQueryRefusedException exception)
        {
            GraphLog.Refused(_logger, _options.Name, exception.Message);
        }
        catch (CypherRuntimeException exception)
        {
            GraphLog.Failed(_logger, _options.Name, exception.Message);
        }

        return StructuredReply.Declined(suggestions, best.Confidence);
    }

    /// <summary>Runs <paramref name="cypher"/> on the whole graph through the read-only guard and the limits (no access filter: for administrators).</summary>
    /// <exception cref="GraphQueryRefusedException">The guard refused it; nothing ran.</exception>
    /// <exception cref="CypherRuntimeException">It failed while running, or ran past the timeout.</exception>
    public async Task<TableResult> ExecuteAsync(string cypher, CancellationToken cancellationToken = default)
    {
        var state = await StateAsync(cancellationToken).ConfigureAwait(false) ?? throw new CypherRuntimeException($"The knowledge graph {_options.Name} is not loaded.");
        return Execute(state.Graph, cypher, [], readable: null, cancellationToken);
    }

    /// <summary>Not built yet: votes on graph answers are accepted and not kept (learning from them is the SQL route's shape, to follow). Safe to call.</summary>
    public Task RecordVoteAsync(string question, string? exampleId, string query, string userId, bool helpful, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>Loads the graph and embeds the examples now, instead of on the first question.</summary>
    /// <returns>False when the graph could not be loaded (logged).</returns>
    public async Task<bool> WarmUpAsync(CancellationToken cancellationToken = default) => await StateAsync(cancellationToken).ConfigureAwait(false) is not null;

    private TableResult Execute(PropertyGraph graph, string cypher, List<GraphMention> mentions, IReadOnlyDictionary<string, CitedDocument>? readable, CancellationToken cancellationToken)
    {
        var (query, result) = new EmbeddedGraph(graph, _options.Name).Run(cypher, null, _options.RowLimit, TimeSpan.FromMilliseconds(_options.TimeoutMilliseconds), cancellationToken);
        var rows = result.Rows.Take(_options.RowLimit).Select(r => (IReadOnlyList<object?>)r.Select(GraphValues.ToCell).ToList()).ToList();
        var documents = readable is null ? [] : Provenance(graph, query, mentions, result).Where(readable.ContainsKey).Take(CitedDocuments).Select(s => readable[s]).ToList();
        return new TableResult(
            Routing.RouteNames.Graph,
            _options.Name,
            Objects(query),
            query,
            "cypher",
            result.Columns,
            rows,
            result.Rows.Count,
            result.Rows.Count > _options.RowLimit,
            DateTimeOffset.UtcNow,
            documents);
    }

    // The documents the answer's facts came from, most used first: the sources of the nodes the question names, of the
    // nodes the rows hold or name, and of the relationships of the query's types between them.
    private static List<string> Provenance(PropertyGraph graph, string query, List<GraphMention> mentions, CypherResult result)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mention in mentions)
        {
            names.Add(mention.Value);
        }

        var nodes = new HashSet<GraphNode>(ReferenceEqualityComparer.Instance);
        foreach (var cell in result.Rows.SelectMany(r => r))
        {
            switch (cell)
            {
                case GraphNode node:
                    nodes.Add(node);
                    break;
                case string text:
                    names.Add(text);
                    break;
                case IReadOnlyList<object?> list:
                    names.UnionWith(list.OfType<string>());
                    break;
            }
        }

        nodes.UnionWith(graph.Nodes.Where(n => n.Properties.TryGetValue("name", out var name) && name is string s && names.Contains(s)));
        var types = RelationshipType().Matches(query).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(IReadOnlyDictionary<string, object?> properties)
        {
            foreach (var source in GraphSources.Of(properties))
            {
                counts[source] = counts.GetValueOrDefault(source) + 1;
            }
        }

        foreach (var node in nodes)
        {
            Count(node.Properties);
            foreach (var relationship in node.Outgoing.Where(r => types.Contains(r.Type) && nodes.Contains(r.End)))
            {
                Count(relationship.Properties);
                Count(relationship.Properties); // the relationship is the fact asked about: it outweighs a node's own pages
            }
        }

        return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).ToList();
    }

    // The graph the asker's query runs on, and the documents they may read (source → citation). Without a catalog
    // nothing is filtered and nothing cited.
    private (PropertyGraph Graph, IReadOnlyDictionary<string, CitedDocument>? Readable) View(GraphState state, AccessFilter? access)
    {
        if (_index is null || state.Sources.Count == 0)
        {
            return (state.Graph, null);
        }

        var filter = access ?? AccessFilter.PublicOnly;
        var documents = _index.Catalog.GetDocuments();
        var bySource = new Dictionary<string, Indexes.CatalogDocument>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var name in Keys(document))
            {
                bySource.TryAdd(name, document);
            }
        }

        var readable = new Dictionary<string, CitedDocument>(StringComparer.Ordinal);
        var hidden = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in state.Sources)
        {
            // A source the catalog does not hold cannot have its access list checked: its facts are left out.
            if (bySource.TryGetValue(source, out var document) && filter.Allows(document.Acl))
            {
                readable[source] = new CitedDocument(document.Id, document.Title, document.Url);
            }
            else
            {
                hidden.Add(source);
            }
        }

        if (hidden.Count == 0)
        {
            return (state.Graph, readable);
        }

        var key = string.Join('\n', hidden);
        if (_views.Count > 64)
        {
            _views.Clear();
        }

        return (_views.GetOrAdd(key, _ => GraphSources.Without(state.Graph, hidden)), readable);
    }

    // A graph source names a document by its catalog id, its URL or path, or its path within a folder source ("it/vpn.md"
    // for "kb:it/vpn.md").
    private static IEnumerable<string> Keys(Indexes.CatalogDocument document)
    {
        yield return document.Id;
        yield return document.Url;
        var colon = document.Id.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            yield return document.Id[(colon + 1)..];
        }
    }

    private async Task<GraphState?> StateAsync(CancellationToken cancellationToken)
    {
        if (_state is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state is { } loaded)
            {
                return loaded;
            }

            var (script, scriptName, examplesText, examplesName) = await _files(cancellationToken).ConfigureAwait(false);
            var graph = CypherScriptLoader.Load(script);
            var linker = new GraphLinker(graph);
            var examples = GraphExampleFile.Parse(examplesText, _options.Name, examplesName);
            var exampleMentions = examples.Select(e => linker.Find(e.Question)).ToList();
            var skeletons = examples.Select((e, i) => Skeleton(e.Question, exampleMentions[i])).ToList();
            var vectors = examples.Count == 0
                ? []
                : (await _embeddings.GenerateAsync(skeletons, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(e => e.Vector.ToArray()).ToList();
            var sources = graph.Nodes.Select(n => n.Properties).Concat(graph.Relationships.Select(r => r.Properties))
                .SelectMany(GraphSources.Of).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            GraphLog.Loaded(_logger, scriptName, graph.Nodes.Count, graph.Relationships.Count, examples.Count);
            return _state = new GraphState(graph, linker, new QuestionCues(graph.RelationshipTypes), examples, exampleMentions, vectors, skeletons, sources);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or CypherSyntaxException or CypherRuntimeException)
        {
            GraphLog.LoadFailed(_logger, _options.Name, exception);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<(string, string, string, string)> ReadFilesAsync(GraphOptions options, string contentRoot, CancellationToken cancellationToken)
    {
        var script = string.IsNullOrWhiteSpace(options.ImportFile)
            ? (GraphSettings.SampleScript, GraphSettings.SampleGraphFile)
            : (await File.ReadAllTextAsync(Path.GetFullPath(options.ImportFile, contentRoot), cancellationToken).ConfigureAwait(false), Path.GetFileName(options.ImportFile));
        var examples = string.IsNullOrWhiteSpace(options.ExamplesFile)
            ? (string.IsNullOrWhiteSpace(options.ImportFile) ? GraphSettings.SampleExamples : "[]", GraphSettings.SampleExamplesFile)
            : (await File.ReadAllTextAsync(Path.GetFullPath(options.ExamplesFile, contentRoot), cancellationToken).ConfigureAwait(false), Path.GetFileName(options.ExamplesFile));
        return (script.Item1, script.Item2, examples.Item1, examples.Item2);
    }

    // Questions are compared as skeletons: the values they name replaced by their label, so "who owns the VPN" is as near
    // to "who owns PeopleHub" as their shapes are.
    private static string Skeleton(string text, List<GraphMention> mentions)
    {
        var builder = new System.Text.StringBuilder(text);
        foreach (var mention in mentions.OrderByDescending(m => m.Start))
        {
            builder.Remove(mention.Start, mention.Length).Insert(mention.Start, " " + mention.Label.ToLowerInvariant() + " ");
        }

        return builder.ToString();
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "or", "for", "all", "what", "which", "who", "how", "are", "is", "was", "were", "do", "doe", "does", "did",
        "have", "ha", "has", "in", "on", "at", "to", "by", "with", "from", "that", "this", "there", "their", "any", "find", "show",
        "list", "give", "tell", "me", "we", "our", "us", "be", "an", "a", "it", "its", "as", "they", "them", "whose", "where", "when", "please",
    };

    private static double Similarity(float[] question, float[] example, string questionText, string exampleText, bool chinese)
    {
        var cosine = TensorPrimitives.CosineSimilarity(question, example);
        if (!chinese && !GraphText.HasCjk(exampleText))
        {
            // Content words keep apart questions MiniLM finds alike ("who reports to X" and "who does X report to").
            var mine = GraphText.Words(questionText).Where(w => !StopWords.Contains(w)).ToHashSet(StringComparer.Ordinal);
            var theirs = GraphText.Words(exampleText).Where(w => !StopWords.Contains(w)).ToHashSet(StringComparer.Ordinal);
            var overlap = mine.Count + theirs.Count == 0 ? 0 : 2.0 * mine.Count(theirs.Contains) / (mine.Count + theirs.Count);
            return (0.7 * cosine) + (0.3 * overlap);
        }

        // MiniLM knows little Chinese: character bigrams carry the match there.
        var bigrams = GraphText.Bigrams(questionText);
        var other = GraphText.Bigrams(exampleText);
        var dice = bigrams.Count + other.Count == 0 ? 0 : 2.0 * bigrams.Count(other.Contains) / (bigrams.Count + other.Count);
        return (0.4 * cosine) + (0.6 * dice);
    }

    private static List<string> Suggestions(IEnumerable<string> nearest, bool chinese) =>
        nearest.Where(q => GraphText.HasCjk(q) == chinese).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();

    private static List<string> Objects(string query) =>
        Label().Matches(query).Select(m => m.Groups[1].Value).Concat(RelationshipType().Matches(query).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\(\s*\w*\s*:\s*(\w+)")]
    private static partial Regex Label();

    [GeneratedRegex(@"\[\s*\w*\s*:\s*(\w+)")]
    private static partial Regex RelationshipType();
}
