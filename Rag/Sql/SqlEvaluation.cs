using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Rag.Feedback;
using Assistant.Rag.Indexes;
using Assistant.Rag.Llm;
using Assistant.Rag.Retrieval;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Sql;

/// <summary>
/// Execution accuracy of the SQL route on a folder in the Spider layout (<c>database/&lt;db&gt;/&lt;db&gt;.sqlite</c>,
/// <c>questions.json</c>): a prediction is right when its rows equal the gold query's (as a multiset; in order only when
/// the gold query has ORDER BY; numbers within 1e-6), declined when the route ran nothing, wrong otherwise. Adversarial
/// lines are run and every database file's checksum compared before and after.
/// </summary>
public static class SqlEvaluation
{
    /// <summary>Runs the evaluation and returns the JSON report.</summary>
    /// <param name="folder">The Spider-layout folder.</param>
    /// <param name="examplesFile">Examples for the store; null: the first question of each gold-SQL group.</param>
    /// <param name="questionsFile">Questions to ask; null: the other questions of each group.</param>
    /// <param name="adversarialFile">JSON lines {db_id, question} or {db_id, sql}; null: none.</param>
    /// <param name="embeddings">The embedding generator the route uses.</param>
    /// <param name="now">The time relative periods resolve against.</param>
    /// <exception cref="InvalidDataException">A file is missing or malformed.</exception>
    public static async Task<JsonObject> RunAsync(string folder, string? examplesFile, string? questionsFile, string? adversarialFile,
        IEmbeddingGenerator<string, Embedding<float>> embeddings, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var questionsPath = Path.Combine(folder, "questions.json");
        var all = examplesFile is null || questionsFile is null ? Load(questionsPath) : [];
        var examples = examplesFile is not null ? Load(examplesFile) : [];
        var asked = questionsFile is not null ? Load(questionsFile) : [];
        if (examplesFile is null || questionsFile is null)
        {
            var groups = all.GroupBy(q => (q.Db, SqlText.Normalize(q.Query))).ToList();
            if (examplesFile is null)
            {
                examples = groups.Select(g => g.First()).ToList();
            }

            if (questionsFile is null)
            {
                asked = groups.SelectMany(g => g.Skip(1)).ToList();
            }
        }

        var databases = examples.Select(e => e.Db).Concat(asked.Select(q => q.Db)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var scratch = Path.Combine(Path.GetTempPath(), "assistant-eval-sql-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        try
        {
            var examplesPath = Path.Combine(scratch, "examples.json");
            await File.WriteAllTextAsync(examplesPath, JsonSerializer.Serialize(examples.Select(e => new Dictionary<string, string> { ["db_id"] = e.Db, ["question"] = e.Question, ["query"] = e.Query })), cancellationToken).ConfigureAwait(false);
            var adversarial = adversarialFile is null ? [] : AdversarialLines(adversarialFile);
            var options = new SqlOptions { RowLimit = 10_000, MinConfidence = new SqlOptions().MinConfidence };
            foreach (var db in databases.Concat(adversarial.Select(a => a.Db)).Distinct(StringComparer.Ordinal))
            {
                var file = DatabaseFile(folder, db);
                options.Databases.Add(new SqlDatabaseOptions { Name = db, Provider = SqlDatabaseOptions.Sqlite, ConnectionString = file, ExamplesFile = examplesPath });
            }

            // No LLM and no votes: what is measured is the embedded NL2SQL over the stored examples alone.
            var votes = new SqliteFeedbackStore(Path.Combine(scratch, "feedback.db"));
            using var route = new SqlRoute(Options.Create(options), new IndexFolder(scratch), embeddings, NoLlmCalls.Instance, votes, Options.Create(new FeedbackOptions()), NullLogger<SqlRoute>.Instance, folder);
            await route.RefreshAsync(cancellationToken).ConfigureAwait(false);
            // One untimed question first: latency is reported for a warm route, as the bot serves it.
            if (asked.Count > 0)
            {
                await route.AnswerAsync(new StructuredQuestion(asked[0].Question, "en", now), asked[0].Db, cancellationToken).ConfigureAwait(false);
            }

            var byDatabase = new Dictionary<string, int[]>(StringComparer.Ordinal);
            var times = new List<double>();
            var misses = new JsonArray();
            foreach (var question in asked)
            {
                var counts = byDatabase.TryGetValue(question.Db, out var c) ? c : byDatabase[question.Db] = new int[3];
                var clock = Stopwatch.StartNew();
                var reply = await route.AnswerAsync(new StructuredQuestion(question.Question, "en", now), question.Db, cancellationToken).ConfigureAwait(false);
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (!reply.Answered)
                {
                    counts[2]++;
                    misses.Add(new JsonObject { ["db_id"] = question.Db, ["question"] = question.Question, ["outcome"] = "declined", ["confidence"] = Math.Round(reply.Confidence, 3) });
                    continue;
                }

                var gold = Execute(DatabaseFile(folder, question.Db), question.Query);
                var right = Same(gold, reply.Table!.Rows, HasOrderBy(question.Query));
                counts[right ? 0 : 1]++;
                if (!right)
                {
                    misses.Add(new JsonObject { ["db_id"] = question.Db, ["question"] = question.Question, ["outcome"] = "wrong", ["confidence"] = Math.Round(reply.Confidence, 3), ["sql"] = reply.Table.Query });
                }
            }

            var report = new JsonObject
            {
                ["total"] = asked.Count,
                ["correct"] = byDatabase.Values.Sum(v => v[0]),
                ["wrong"] = byDatabase.Values.Sum(v => v[1]),
                ["declined"] = byDatabase.Values.Sum(v => v[2]),
                ["accuracy"] = asked.Count == 0 ? 0 : Math.Round((double)byDatabase.Values.Sum(v => v[0]) / asked.Count, 4),
                ["byDatabase"] = new JsonObject(byDatabase.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject
                {
                    ["total"] = p.Value.Sum(),
                    ["correct"] = p.Value[0],
                    ["wrong"] = p.Value[1],
                    ["declined"] = p.Value[2],
                    ["accuracy"] = Math.Round((double)p.Value[0] / Math.Max(1, p.Value.Sum()), 4),
                }))),
                ["p50Ms"] = Math.Round(Percentile(times, 0.50), 2),
                ["p95Ms"] = Math.Round(Percentile(times, 0.95), 2),
                ["misses"] = misses,
            };
            if (adversarialFile is not null)
            {
                report["adversarial"] = await AdversarialAsync(route, folder, adversarial, now, cancellationToken).ConfigureAwait(false);
            }

            return report;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<JsonObject> AdversarialAsync(SqlRoute route, string folder, List<(string Db, string? Question, string? Sql)> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var files = lines.Select(l => DatabaseFile(folder, l.Db)).Distinct(StringComparer.Ordinal).ToList();
        var before = files.ToDictionary(f => f, Checksum, StringComparer.Ordinal);
        var writes = 0;
        var refused = 0;
        foreach (var (db, question, sql) in lines)
        {
            var file = DatabaseFile(folder, db);
            var prior = Checksum(file);
            var changes = TotalRows(file);
            try
            {
                if (sql is not null)
                {
                    await route.ExecuteAsync(db, sql, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await route.AnswerAsync(new StructuredQuestion(question!, TextFold.HasCjk(question!) ? "zh" : "en", now), db, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is SqlRefusedException or SqlExecutionException)
            {
                refused++;
            }

            if (Checksum(file) != prior || TotalRows(file) != changes)
            {
                writes++;
            }
        }

        return new JsonObject
        {
            ["tried"] = lines.Count,
            ["refused"] = refused,
            ["executedWrites"] = writes,
            ["checksumUnchanged"] = files.All(f => Checksum(f) == before[f]),
        };
    }

    private static string TotalRows(string file)
    {
        // A second view of "nothing changed": the schema and every table's row count.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(type || ':' || name || ':' || coalesce(sql, ''), '|') FROM sqlite_master";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static string Checksum(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private static string DatabaseFile(string folder, string db)
    {
        var file = Path.GetFullPath(Path.Combine(folder, "database", db, db + ".sqlite"));
        return File.Exists(file) ? file : throw new InvalidDataException($"No database file for '{db}' at database/{db}/{db}.sqlite.");
    }

    private static List<(string Db, string Question, string Query)> Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidDataException($"{file} does not exist.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return document.RootElement.EnumerateArray()
                .Select(e => (e.GetProperty("db_id").GetString()!, e.GetProperty("question").GetString()!, e.GetProperty("query").GetString()!))
                .ToList();
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{file}: expected a JSON array of {{db_id, question, query}} ({exception.Message}).", exception);
        }
    }

    private static List<(string Db, string? Question, string? Sql)> AdversarialLines(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidDataException($"{file} does not exist.");
        }

        var lines = new List<(string, string?, string?)>();
        var n = 0;
        foreach (var line in File.ReadLines(file))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var db = root.GetProperty("db_id").GetString()!;
                var question = root.TryGetProperty("question", out var q) ? q.GetString() : null;
                var sql = root.TryGetProperty("sql", out var s) ? s.GetString() : null;
                if (question is null == sql is null)
                {
                    throw new InvalidDataException($"{file}:{n}: give exactly one of question and sql.");
                }

                lines.Add((db, question, sql));
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{file}:{n}: expected {{db_id, question}} or {{db_id, sql}} ({exception.Message}).", exception);
            }
        }

        return lines;
    }

    private static List<object?[]> Execute(string file, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static bool HasOrderBy(string sql) =>
        SqlText.Tokens(sql).Where(t => t.Kind == SqlTokenKind.Word).Select(t => t.Text.ToLowerInvariant()).Zip(SqlText.Tokens(sql).Where(t => t.Kind == SqlTokenKind.Word).Skip(1).Select(t => t.Text.ToLowerInvariant()))
            .Any(p => p is ("order", "by"));

    internal static bool Same(List<object?[]> gold, IReadOnlyList<IReadOnlyList<object?>> predicted, bool ordered)
    {
        if (gold.Count != predicted.Count || (gold.Count > 0 && gold[0].Length != predicted[0].Count))
        {
            return false;
        }

        var a = gold.Select(r => r.Select(Key).ToArray()).ToList();
        var b = predicted.Select(r => r.Select(Key).ToArray()).ToList();
        if (!ordered)
        {
            a = a.OrderBy(r => string.Join("\u0001", r), StringComparer.Ordinal).ToList();
            b = b.OrderBy(r => string.Join("\u0001", r), StringComparer.Ordinal).ToList();
        }

        return a.Zip(b).All(p => p.First.Zip(p.Second).All(c => Equal(c.First, c.Second)));
    }

    private static string Key(object? value) => value switch
    {
        null => "null",
        long or int or short or byte or double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("0.######", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static bool Equal(string a, string b) =>
        a == b || (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && Math.Abs(x - y) <= 1e-6);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
