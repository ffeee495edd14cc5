using System.Diagnostics;
using System.Numerics.Tensors;
using System.Reflection;
using Assistant.Rag.Feedback;
using Assistant.Rag.Indexes;
using Assistant.Rag.Llm;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Sql;

/// <summary>
/// The SQL route (NL2SQL): the nearest stored or learned example of any configured database is adapted to the question
/// (values, numbers, periods), scored, and run through the read-only guard. Below the confidence threshold, an LLM (when
/// one is configured) writes the query from the relevant schema, the values named and the nearest examples, through the
/// same guard with one repair round (<see cref="LlmSqlWriter"/>); without one, or when it cannot, nothing runs and the
/// three nearest answerable questions are offered. Votes teach it (<see cref="SqlLessons"/>): questions enough people
/// agreed on become learned examples, and an example people disagreed with is not used for that question again.
/// </summary>
/// <remarks>
/// Thread-safe. The first call opens every database (building the sample one when needed), introspects it and embeds its
/// examples; later calls cost one question embedding and one query. <see cref="RefreshAsync"/> re-reads the schemas and
/// the votes. Learned examples are read back from the feedback store (so they survive restarts, are shared by replicas
/// and forgotten by <c>feedback reset</c>): after each vote on a queried answer, and every Feedback:RefreshSeconds.
/// </remarks>
public sealed class SqlRoute : IStructuredRoute, IDisposable
{
    private readonly SqlOptions _options;
    private readonly string _folder;
    private readonly string _contentRoot;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings;
    private readonly LlmSqlWriter _writer;
    private readonly IFeedbackHistory _history;
    private readonly FeedbackOptions _feedback;
    private readonly ILogger<SqlRoute> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _learning = new(1, 1);
    private readonly Lock _loadLock = new();
    private volatile IReadOnlyList<SqlSource>? _sources;
    private Task<IReadOnlyList<SqlSource>>? _loading;
    private volatile Learned _learned = Learned.None;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> _learnedVectors = new(StringComparer.Ordinal);

    /// <summary>Creates the route; nothing is opened until the first question or refresh.</summary>
    public SqlRoute(
        IOptions<SqlOptions> options,
        IndexFolder folder,
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        ILlmCalls llm,
        IFeedbackHistory history,
        IOptions<FeedbackOptions> feedback,
        ILogger<SqlRoute> logger,
        string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folder);
        _options = options.Value;
        _folder = folder.Path;
        _embeddings = embeddings;
        _writer = new LlmSqlWriter(llm, _options.LlmTimeoutSeconds, logger);
        _history = history;
        _feedback = feedback.Value;
        _logger = logger;
        _contentRoot = contentRoot;
    }

    /// <summary>The examples votes taught, of every database (for the admin view and tests).</summary>
    public IReadOnlyList<(string Id, string Database, string Question, string Query)> LearnedExamples =>
        [.. _learned.Lessons.Learned.Select(e => (e.Id, e.Database, e.Question, e.Query))];

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
        var learned = await LearnedAsync(cancellationToken).ConfigureAwait(false);

        // Questions are compared as skeletons: the values and period they name replaced by the column or "period", so
        // "the Shanghai office last month" is as near to "the Berlin office in March 2026" as their shapes are.
        var skeletons = sources.Select(s => Skeleton(question.Text, s.Linker, today)).ToList();
        var vectors = (await _embeddings.GenerateAsync(skeletons, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(e => e.Vector.ToArray()).ToList();
        var ranked = sources
            .SelectMany((s, k) => s.Examples.Select((e, i) => (Example: e, Vector: s.Vectors[i], Skeleton: s.Skeletons[i]))
                .Concat(learned.Of(s.Options.Name))
                .Where(e => !learned.Lessons.IsDoubtful(e.Example.Id, question.Text))
                .Select(e => (Source: s, e.Example, Score: Similarity(vectors[k], e.Vector, skeletons[k], e.Skeleton, chinese))))
            .OrderByDescending(c => c.Score)
            .ToList();
        if (ranked.Count == 0 && !_writer.IsAvailable)
        {
            return StructuredReply.Declined([]);
        }

        // Adapt the few nearest: one whose adaptation fits the question better can beat a closer one that does not.
        var best = ranked.Take(5)
            .Select(c => (c.Source, c.Example, Adapted: ExampleAdapter.Adapt(c.Example, question.Text, today, c.Source.Linker, c.Source.Schema), c.Score))
            .Select(c => (c.Source, c.Example, c.Adapted, Confidence: c.Score * c.Adapted.Trust))
            .MaxBy(c => c.Confidence);
        var suggestions = Suggestions(ranked.Select(r => r.Example.Question), chinese);
        if (best.Example is not null)
        {
            SqlLog.Matched(_logger, best.Example.Id, best.Source.Options.Name, best.Confidence, _options.MinConfidence);
        }

        if (best.Example is not null && best.Confidence >= _options.MinConfidence)
        {
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
        }

        if (_writer.IsAvailable)
        {
            // The database of the nearest example, else the one whose tables are most like the question.
            var source = best.Example is not null ? best.Source : sources.MaxBy(s => TablesBySimilarity(s, vectors[sources.IndexOf(s)]).Select(t => t.Score).DefaultIfEmpty(0).Max())!;
            var k = sources.IndexOf(source);
            var nearest = ranked.Where(r => r.Source == source).Select(r => r.Example).Take(LlmSqlWriter.ExamplesShown).ToList();
            var tables = LlmSqlWriter.RelevantTables(source, TablesBySimilarity(source, vectors[k]), source.Linker.Find(question.Text), nearest);
            var written = await _writer.WriteAsync(source, question.Text, today, tables, nearest,
                (sql, token) => source.Database.ExecuteAsync(sql, source.Exposure, token), cancellationToken).ConfigureAwait(false);
            if (written is { } result)
            {
                return new StructuredReply(result.Table, AnswerSentence.Build(result.Table, null, chinese), Math.Max(best.Confidence, _options.MinConfidence), []);
            }
        }

        return StructuredReply.Declined(suggestions, best.Confidence);
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

        await RelearnAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The vote itself is already in the feedback store, which is where the route learns from (so what it learned
    /// survives restarts and is the same on every replica): this reads the votes again before returning, so the next
    /// question is answered with the lesson. A store that cannot be read keeps what was learned before.
    /// </remarks>
    public async Task RecordVoteAsync(string question, string? exampleId, string query, string userId, bool helpful, CancellationToken cancellationToken = default) =>
        await RelearnAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var source in _sources ?? [])
        {
            source.Database.Dispose();
        }

        _gate.Dispose();
        _learning.Dispose();
    }

    // What votes taught, as of the last read of the store; read again when older than Feedback:RefreshSeconds.
    private async ValueTask<Learned> LearnedAsync(CancellationToken cancellationToken)
    {
        var learned = _learned;
        if (learned.At == Learned.Never)
        {
            await RelearnAsync(cancellationToken).ConfigureAwait(false);
            return _learned;
        }

        if (Stopwatch.GetElapsedTime(learned.At) > TimeSpan.FromSeconds(Math.Max(1, _feedback.RefreshSeconds)) && _learning.CurrentCount > 0)
        {
            // Votes taken by other replicas, or a reset: read in the background, this question uses what is known.
            _ = Task.Run(() => RelearnAsync(CancellationToken.None), CancellationToken.None);
        }

        return learned;
    }

    private async Task RelearnAsync(CancellationToken cancellationToken)
    {
        var sources = await SourcesAsync(cancellationToken).ConfigureAwait(false);
        await _learning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<QueryVote> votes;
            try
            {
                votes = await _history.LoadQueryVotesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FeedbackStoreException exception)
            {
                SqlLog.LearningFailed(_logger, exception.GetType().Name);
                _learned = _learned with { At = Stopwatch.GetTimestamp() };
                return;
            }

            var feedback = _feedback;
            var lessons = feedback.Enabled
                ? SqlLessons.From(votes, Name, _options.LearnAfterVotes, _options.MaxLearnedExamples, [.. feedback.IgnoredChannels])
                : SqlLessons.Empty;
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var bySource = new Dictionary<string, IReadOnlyList<(SqlExample Example, float[] Vector, string Skeleton)>>(StringComparer.OrdinalIgnoreCase);
            foreach (var source in sources)
            {
                // A learned example answers in the words of the example it was adapted from, adapted to its own question.
                var mine = lessons.Learned
                    .Where(e => string.Equals(e.Database, source.Options.Name, StringComparison.OrdinalIgnoreCase))
                    .Select(e => e.Origin is { } origin && source.Examples.FirstOrDefault(x => x.Id == origin) is { Answer: not null } stored
                        ? e with { Answer = ExampleAdapter.Adapt(stored, e.Question, today, source.Linker, source.Schema).Answer }
                        : e)
                    .ToList();
                var skeletons = mine.Select(e => Skeleton(e.Question, source.Linker, today)).ToList();
                var missing = skeletons.Where(k => !_learnedVectors.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList();
                if (missing.Count > 0)
                {
                    var embedded = await _embeddings.GenerateAsync(missing, cancellationToken: cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < missing.Count; i++)
                    {
                        _learnedVectors[missing[i]] = embedded[i].Vector.ToArray();
                    }
                }

                bySource[source.Options.Name] = [.. mine.Select((e, i) => (e, _learnedVectors[skeletons[i]], skeletons[i]))];
            }

            var before = _learned.Lessons;
            _learned = new Learned(lessons, bySource, Stopwatch.GetTimestamp());
            if (before.Learned.Count != lessons.Learned.Count || before.DoubtfulCount != lessons.DoubtfulCount)
            {
                SqlLog.Learned(_logger, lessons.Learned.Count, lessons.DoubtfulCount);
            }
        }
        finally
        {
            _learning.Release();
        }
    }

    private static IReadOnlyList<(string Table, double Score)> TablesBySimilarity(SqlSource source, float[] question) =>
        [.. source.TableVectors.Select(t => (t.Table, (double)TensorPrimitives.CosineSimilarity(question, t.Vector)))];

    // The first load (building the sample database, introspecting, embedding the examples) is shared and is not given
    // up when the question that started it runs out of time: the next question finds it done, or waits for it.
    private async Task<IReadOnlyList<SqlSource>> SourcesAsync(CancellationToken cancellationToken)
    {
        if (_sources is { } ready)
        {
            return ready;
        }

        Task<IReadOnlyList<SqlSource>> loading;
        lock (_loadLock)
        {
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                _loading = Task.Run(async () =>
                {
                    await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                    try
                    {
                        return _sources ??= await LoadAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }, CancellationToken.None);
            }

            loading = _loading;
        }

        return await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
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
                // Only the LLM path picks tables by similarity; without a model nothing more is embedded.
                var tables = schema.Tables.Where(t => exposure.IsTable(t.Name)).ToList();
                var tableVectors = !_writer.IsAvailable || tables.Count == 0
                    ? []
                    : (await _embeddings.GenerateAsync(tables.Select(t => TableText(t, semantic)), cancellationToken: cancellationToken).ConfigureAwait(false))
                        .Select((e, i) => (tables[i].Name, e.Vector.ToArray())).ToList();
                sources.Add(new SqlSource(options, database, semantic, schema, exposure, linker, examples, vectors, skeletons, tableVectors));
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

    private static string TableText(TableSchema table, SemanticModel semantic)
    {
        var described = semantic.Tables.GetValueOrDefault(table.Name);
        return $"{table.Name.Replace('_', ' ')}: {described?.Description} {string.Join(' ', described?.Synonyms ?? [])} ({string.Join(", ", table.Columns.Select(c => c.Name.Replace('_', ' ')))})";
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

    private sealed record Learned(SqlLessons Lessons, IReadOnlyDictionary<string, IReadOnlyList<(SqlExample Example, float[] Vector, string Skeleton)>> BySource, long At)
    {
        public const long Never = long.MinValue;

        public static readonly Learned None = new(SqlLessons.Empty, new Dictionary<string, IReadOnlyList<(SqlExample, float[], string)>>(), Never);

        public IEnumerable<(SqlExample Example, float[] Vector, string Skeleton)> Of(string source) =>
            BySource.TryGetValue(source, out var examples) ? examples : [];
    }
}
