using System.Diagnostics;
using System.Numerics.Tensors;
using System.Reflection;
using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Sql;

/// <summary>
/// The SQL route (NL2SQL without an LLM): the nearest stored example of any configured database is adapted to the
/// question (values, numbers, periods), scored, and run through the read-only guard; below the confidence threshold
/// nothing runs and the three nearest answerable questions are offered.
/// </summary>
/// <remarks>
/// Thread-safe. The first call opens every database (building the sample one when needed), introspects it and embeds its
/// examples; later calls cost one question embedding and one query. <see cref="RefreshAsync"/> re-reads the schemas.
/// </remarks>
public sealed class SqlRoute : IStructuredRoute, IDisposable
{
    private readonly SqlOptions _options;
    private readonly string _folder;
    private readonly string _contentRoot;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly ILogger<SqlRoute> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyList<SqlSource>? _sources;

    /// <summary>Creates the route; nothing is opened until the first question or refresh.</summary>
    public SqlRoute(IOptions<SqlOptions> options, IndexFolder folder, IEmbeddingGenerator<string, Embedding<float>> embeddings, ILogger<SqlRoute> logger, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folder);
        _options = options.Value;
        _folder = folder.Path;
        _embeddings = embeddings;
        _logger = logger;
        _contentRoot = contentRoot;
    }

    /// <inheritdoc />
    public string Name => "sql";

    /// <inheritdoc />
    public string Description
    {
        get
        {
            var sources = _sources;
            if (sources is null)
            {
                return _options.Databases.Count == 0
                    ? "fernhill: Fernhill Labs company records (offices, teams, employees, service-desk tickets, laptops, expense claims)"
                    : string.Join('\n', _options.Databases.Select(d => $"{d.Name}: {d.Description}"));
            }

            return string.Join("\n\n", sources.Select(s => $"{s.Options.Name}: {s.Options.Description}\n{s.Schema.Summary()}"));
        }
    }

    /// <summary>The databases' names, in configuration order (the sample's when none is configured).</summary>
    public IReadOnlyList<string> Databases => Configured().Select(d => d.Name).ToList();

    /// <inheritdoc />
    public Task<StructuredReply> AnswerAsync(StructuredQuestion question, CancellationToken cancellationToken = default) =>
        AnswerAsync(question, null, cancellationToken);

    /// <summary>Answers from one database only (<paramref name="database"/>), or from any when null.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<StructuredReply> AnswerAsync(StructuredQuestion question, string? database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!_options.Enabled || string.IsNullOrWhiteSpace(question.Text))
        {
            return StructuredReply.Declined([]);
        }

        var sources = (await SourcesAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => database is null || string.Equals(s.Options.Name, database, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sources.Count == 0)
        {
            return StructuredReply.Declined([]);
        }

        var today = DateOnly.FromDateTime(question.Now.Date);
        var chinese = question.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || TextFold.HasCjk(question.Text);

        // Questions are compared as skeletons: the values and period they name replaced by the column or "period", so
        // "the Shanghai office last month" is as near to "the Berlin office in March 2026" as their shapes are.
        var skeletons = sources.Select(s => Skeleton(question.Text, s.Linker, today)).ToList();
        var vectors = (await _embeddings.GenerateAsync(skeletons, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(e => e.Vector.ToArray()).ToList();
        var ranked = sources
            .SelectMany((s, k) => s.Examples.Select((e, i) => (Source: s, Example: e, Score: Similarity(vectors[k], s.Vectors[i], skeletons[k], s.Skeletons[i], chinese))))
            .OrderByDescending(c => c.Score)
            .ToList();

        // Adapt the few nearest: one whose adaptation fits the question better can beat a closer one that does not.
        var best = ranked.Take(5)
            .Select(c => (c.Source, c.Example, Adapted: ExampleAdapter.Adapt(c.Example, question.Text, today, c.Source.Linker, c.Source.Schema), c.Score))
            .Select(c => (c.Source, c.Example, c.Adapted, Confidence: c.Score * c.Adapted.Trust))
            .MaxBy(c => c.Confidence);
        SqlLog.Matched(_logger, best.Example.Id, best.Source.Options.Name, best.Confidence, _options.MinConfidence);
        if (best.Confidence < _options.MinConfidence)
        {
            return StructuredReply.Declined(Suggestions(ranked.Select(r => r.Example.Question), chinese), best.Confidence);
        }

        try
        {
            var table = await best.Source.Database.ExecuteAsync(best.Adapted.Sql, best.Source.Exposure, cancellationToken).ConfigureAwait(false);
            SqlLog.Ran(_logger, question.Text, best.Adapted.Sql);
            return new StructuredReply(table, AnswerSentence.Build(table, best.Adapted.Answer, chinese), best.Confidence, [], best.Example.Id);
        }
        catch (SqlRefusedException exception)
        {
            SqlLog.Refused(_logger, best.Source.Options.Name, exception.Reason);
        }
        catch (SqlExecutionException exception)
        {
            SqlLog.Failed(_logger, best.Source.Options.Name, exception);
        }

        return StructuredReply.Declined(Suggestions(ranked.Select(r => r.Example.Question), chinese), best.Confidence);
    }

    /// <summary>Runs <paramref name="sql"/> on <paramref name="database"/> through the read-only guard and the limits.</summary>
    /// <exception cref="SqlRefusedException">The guard refused it; nothing ran.</exception>
    /// <exception cref="SqlExecutionException">The database failed, or the time limit stopped it.</exception>
    /// <exception cref="ArgumentException">No database has that name.</exception>
    public async Task<TableResult> ExecuteAsync(string database, string sql, CancellationToken cancellationToken = default)
    {
        var source = (await SourcesAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(s => string.Equals(s.Options.Name, database, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No SQL database is named '{database}'.", nameof(database));
        return await source.Database.ExecuteAsync(sql, source.Exposure, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Re-reads every database's schema and values, and re-embeds the examples. Safe to call at any time.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var old = _sources;
            _sources = await LoadAsync(cancellationToken).ConfigureAwait(false);
            foreach (var source in old ?? [])
            {
                source.Database.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Not built yet: votes on SQL answers are accepted and not kept, so learning from them changes nothing (the issue's
    /// "votes teach it" is open). Safe to call.
    /// </summary>
    public Task RecordVoteAsync(string question, string exampleId, string query, string userId, bool helpful, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var source in _sources ?? [])
        {
            source.Database.Dispose();
        }

        _gate.Dispose();
    }

    private async Task<IReadOnlyList<SqlSource>> SourcesAsync(CancellationToken cancellationToken)
    {
        if (_sources is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _sources ??= await LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private List<SqlDatabaseOptions> Configured() => _options.Databases.Count > 0
        ? _options.Databases
        : [new SqlDatabaseOptions
        {
            Name = SampleDatabase.Name,
            Provider = SqlDatabaseOptions.Sqlite,
            ConnectionString = Path.Combine(_folder, "sql", SampleDatabase.Name + ".db"),
            Description = "Fernhill Labs company records: offices, teams, employees, IT service-desk tickets, laptops and expense claims.",
        }];

    private async Task<IReadOnlyList<SqlSource>> LoadAsync(CancellationToken cancellationToken)
    {
        var limits = SqlLimits.From(_options);
        var sources = new List<SqlSource>();
        foreach (var options in Configured())
        {
            var sample = _options.Databases.Count == 0;
            ISqlDatabase database;
            if (options.Provider == SqlDatabaseOptions.Postgres)
            {
                database = new PostgresDatabase(options.Name, options.ConnectionString, limits);
            }
            else
            {
                var path = SqlitePath(options.ConnectionString);
                if (sample && !File.Exists(path))
                {
                    await Task.Run(() => SampleDatabase.EnsureBuilt(path), cancellationToken).ConfigureAwait(false);
                    SqlLog.SampleBuilt(_logger, path);
                }

                database = new SqliteDatabase(options.Name, path, limits);
            }

            try
            {
                var schema = await database.IntrospectAsync(cancellationToken).ConfigureAwait(false);
                var semantic = SemanticModel.Parse(sample ? Resource("fernhill.semantic.yaml") : options.SemanticFile is { Length: > 0 } file ? await ReadAsync(file, cancellationToken).ConfigureAwait(false) : "{}", options.SemanticFile ?? "semantic file");
                var exposure = semantic.Exposure(schema);
                var examples = sample
                    ? ExampleFile.Parse(Resource("fernhill.examples.json"), options.Name, "fernhill.examples.json", options.Name)
                    : options.ExamplesFile is { Length: > 0 } examplesFile
                        ? ExampleFile.Parse(await ReadAsync(examplesFile, cancellationToken).ConfigureAwait(false), options.Name, examplesFile, options.Name)
                        : [];
                var linker = new ValueLinker(schema, semantic, exposure);
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                var skeletons = examples.Select(e => Skeleton(e.Question, linker, today)).ToList();
                var vectors = examples.Count == 0
                    ? []
                    : (await _embeddings.GenerateAsync(skeletons, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(e => e.Vector.ToArray()).ToList();
                sources.Add(new SqlSource(options, database, semantic, schema, exposure, linker, examples, vectors, skeletons));
                SqlLog.Introspected(_logger, options.Name, options.Provider, schema.Tables.Count, examples.Count);
            }
            catch (Exception exception) when (exception is SqlExecutionException or InvalidDataException or IOException)
            {
                SqlLog.IntrospectionFailed(_logger, options.Name, exception);
                database.Dispose();
            }
        }

        return sources;
    }

    private string SqlitePath(string connectionString)
    {
        var path = connectionString.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? connectionString["Data Source=".Length..].Split(';')[0]
            : connectionString;
        return Path.GetFullPath(Path.Combine(_contentRoot, path));
    }

    private async Task<string> ReadAsync(string file, CancellationToken cancellationToken) =>
        await File.ReadAllTextAsync(Path.GetFullPath(Path.Combine(_contentRoot, file)), cancellationToken).ConfigureAwait(false);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Assistant.Rag.Sql.Data." + name)
            ?? throw new InvalidDataException($"The embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Skeleton(string text, ValueLinker linker, DateOnly today)
    {
        var spans = linker.Find(text)
            .Where(m => !double.TryParse(m.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(m => (m.Start, m.Length, Word: m.Column[(m.Column.IndexOf('.', StringComparison.Ordinal) + 1)..].Replace('_', ' ')))
            .ToList();
        // A bare year stays: it is read as a number as often as a period ("concerts in 2014" against "Year = 2014").
        if (PeriodParser.Find(text, today) is { } period && !System.Text.RegularExpressions.Regex.IsMatch(text.Substring(period.At, period.Length), @"^\D*\d{4}\D*$") && !spans.Any(s => s.Start < period.At + period.Length && period.At < s.Start + s.Length))
        {
            spans.Add((period.At, period.Length, "period"));
        }

        var builder = new System.Text.StringBuilder(text);
        foreach (var (start, length, word) in spans.OrderByDescending(s => s.Start))
        {
            builder.Remove(start, length).Insert(start, " " + word + " ");
        }

        return builder.ToString();
    }

    private static double Similarity(float[] question, float[] example, string questionText, string exampleText, bool chinese)
    {
        var cosine = TensorPrimitives.CosineSimilarity(question, example);
        if (!chinese && !TextFold.HasCjk(exampleText))
        {
            // Content words keep apart questions MiniLM finds alike ("cat or dog" and "dog but not cat").
            var mine = Content(questionText);
            var theirs = Content(exampleText);
            var overlap = mine.Count + theirs.Count == 0 ? 0 : 2.0 * mine.Count(theirs.Contains) / (mine.Count + theirs.Count);
            return (0.7 * cosine) + (0.3 * overlap);
        }

        // MiniLM knows little Chinese: character bigrams carry the match there.
        var bigrams = Bigrams(questionText);
        var other = Bigrams(exampleText);
        var dice = bigrams.Count + other.Count == 0 ? 0 : 2.0 * bigrams.Count(other.Contains) / (bigrams.Count + other.Count);
        return (0.4 * cosine) + (0.6 * dice);
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "or", "for", "all", "what", "which", "who", "how", "many", "much", "are", "is", "was", "were", "do", "doe", "does", "did",
        "have", "ha", "has", "in", "on", "at", "to", "by", "with", "from", "that", "this", "there", "their", "every", "each", "any", "find", "show",
        "list", "give", "tell", "me", "we", "our", "us", "be", "an", "it", "its", "as", "than", "also", "they", "them", "whose", "where", "when",
    };

    private static HashSet<string> Content(string text) =>
        ExampleAdapter.Words(text).Where(w => !StopWords.Contains(w)).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Bigrams(string text)
    {
        var folded = new string(TextFold.Fold(text).Where(c => char.IsLetterOrDigit(c)).ToArray());
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < folded.Length; i++)
        {
            set.Add(folded.Substring(i, 2));
        }

        return set;
    }

    private static List<string> Suggestions(IEnumerable<string> nearest, bool chinese) =>
        nearest.Where(q => TextFold.HasCjk(q) == chinese).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
}
