using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Graph;

/// <summary>
/// Accuracy of the graph route's Text2Cypher (no LLM) on a folder laid out like a Text2Cypher set: an import script
/// (<c>*.cypher</c>; none: the configured or embedded company graph) and <c>questions.jsonl</c> of {question, cypher}.
/// A prediction is right when its rows equal the gold query's on the same graph (as a multiset; in order when the gold
/// query orders; column names ignored; numbers to 6 decimals), declined when the route ran nothing, wrong otherwise.
/// Adversarial lines go through Text2Cypher ({question}) or straight to the guard and engine ({cypher}); the graph's
/// fingerprint is compared before and after.
/// </summary>
public static partial class GraphEvaluation
{
    /// <summary>Runs the evaluation and returns the JSON report.</summary>
    /// <param name="folder">The folder (import script and questions.jsonl).</param>
    /// <param name="defaultScript">The import script to use when the folder has none (the configured graph).</param>
    /// <param name="examplesFile">Examples for the store; null: every question of questions.jsonl but every 5th (or all, when <paramref name="questionsFile"/> is given).</param>
    /// <param name="questionsFile">Questions to ask; null: every 5th question of questions.jsonl (or all, when <paramref name="examplesFile"/> is given).</param>
    /// <param name="adversarialFile">JSON lines {question} or {cypher}; null: none.</param>
    /// <param name="embeddings">The embedding generator the route uses.</param>
    /// <exception cref="InvalidDataException">A file is missing or malformed.</exception>
    public static async Task<JsonObject> RunAsync(string folder, string defaultScript, string? examplesFile, string? questionsFile, string? adversarialFile,
        IEmbeddingGenerator<string, Embedding<float>> embeddings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var scripts = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.cypher").Order(StringComparer.Ordinal).ToList() : [];
        if (scripts.Count > 1)
        {
            throw new InvalidDataException($"{folder} holds {scripts.Count} import scripts (*.cypher); expected one.");
        }

        var script = scripts.Count == 1 ? await File.ReadAllTextAsync(scripts[0], cancellationToken).ConfigureAwait(false) : defaultScript;
        var questionsPath = Path.Combine(folder, "questions.jsonl");
        var all = examplesFile is null || questionsFile is null ? Load(questionsPath) : [];
        var examples = examplesFile is not null ? Load(examplesFile) : questionsFile is not null ? all : all.Where((_, i) => i % 5 != 4).ToList();
        var asked = questionsFile is not null ? Load(questionsFile) : examplesFile is not null ? all : all.Where((_, i) => i % 5 == 4).ToList();
        var examplesJson = string.Join('\n', examples.Select(e => JsonSerializer.Serialize(new Dictionary<string, string?> { ["question"] = e.Question, ["cypher"] = e.Cypher, ["answer"] = e.Answer })));

        var graph = EmbeddedGraph.FromScript(script, "eval");
        var options = new GraphOptions { RowLimit = 10_000, TimeoutMilliseconds = 5000 };
        using var route = new GraphRoute(Options.Create(options), embeddings, NullLogger<GraphRoute>.Instance, index: null,
            _ => Task.FromResult((script, "eval", examplesJson, "examples")));
        await route.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        // One untimed question first: latency is reported for a warm route, as the bot serves it.
        if (asked.Count > 0)
        {
            await route.AnswerAsync(new StructuredQuestion(asked[0].Question, Language(asked[0].Question), now), cancellationToken).ConfigureAwait(false);
        }

        int correct = 0, wrong = 0, declined = 0;
        var times = new List<double>();
        var misses = new JsonArray();
        var answered = new List<(double Confidence, bool Right)>();
        foreach (var question in asked)
        {
            var clock = Stopwatch.StartNew();
            var reply = await route.AnswerAsync(new StructuredQuestion(question.Question, Language(question.Question), now), cancellationToken).ConfigureAwait(false);
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (!reply.Answered)
            {
                declined++;
                misses.Add(new JsonObject { ["question"] = question.Question, ["outcome"] = "declined", ["confidence"] = Math.Round(reply.Confidence, 3) });
                continue;
            }

            var right = Same(graph, question.Cypher, reply.Table!.Query);
            answered.Add((reply.Confidence, right));
            if (right)
            {
                correct++;
            }
            else
            {
                wrong++;
                misses.Add(new JsonObject { ["question"] = question.Question, ["outcome"] = "wrong", ["confidence"] = Math.Round(reply.Confidence, 3), ["cypher"] = reply.Table.Query });
            }
        }

        var report = new JsonObject
        {
            ["total"] = asked.Count,
            ["correct"] = correct,
            ["wrong"] = wrong,
            ["declined"] = declined,
            ["accuracy"] = asked.Count == 0 ? 0 : Math.Round((double)correct / asked.Count, 4),
            ["wrongRate"] = asked.Count == 0 ? 0 : Math.Round((double)wrong / asked.Count, 4),
            ["examples"] = examples.Count,
            ["p50Ms"] = Math.Round(Percentile(times, 0.50), 2),
            ["p95Ms"] = Math.Round(Percentile(times, 0.95), 2),
            // What a higher Graph:MinConfidence would have kept: right and wrong answers at or above each threshold.
            ["byThreshold"] = new JsonArray(Enumerable.Range(0, 7).Select(i => options.MinConfidence + (0.05 * i)).Select(t => (JsonNode)new JsonObject
            {
                ["minConfidence"] = Math.Round(t, 2),
                ["correct"] = answered.Count(a => a.Right && a.Confidence >= t - 1e-9),
                ["wrong"] = answered.Count(a => !a.Right && a.Confidence >= t - 1e-9),
            }).ToArray()),
            ["misses"] = misses,
        };
        if (adversarialFile is not null)
        {
            report["adversarial"] = await AdversarialAsync(route, graph, AdversarialLines(adversarialFile), now, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    private static async Task<JsonObject> AdversarialAsync(GraphRoute route, EmbeddedGraph graph, List<(string? Question, string? Cypher)> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = Fingerprint(graph);
        int refused = 0, executed = 0, writes = 0, answered = 0;
        foreach (var (question, cypher) in lines)
        {
            if (cypher is not null)
            {
                try
                {
                    await route.ExecuteAsync(cypher, cancellationToken).ConfigureAwait(false);
                    executed++;
                }
                catch (GraphQueryRefusedException)
                {
                    refused++;
                }
                catch (CypherRuntimeException)
                {
                    executed++; // it got past the guard, even if it then failed
                }
            }
            else
            {
                var reply = await route.AnswerAsync(new StructuredQuestion(question!, Language(question!), now), cancellationToken).ConfigureAwait(false);
                if (reply.Answered)
                {
                    answered++;
                }
            }

            if (!string.Equals(Fingerprint(graph), before, StringComparison.Ordinal))
            {
                writes++;
                before = Fingerprint(graph);
            }
        }

        return new JsonObject
        {
            ["tried"] = lines.Count,
            ["cypherLines"] = lines.Count(l => l.Cypher is not null),
            ["refused"] = refused,
            ["executed"] = executed,
            ["questionsAnswered"] = answered,
            ["executedWrites"] = writes,
        };
    }

    // Nodes, relationships and every property, in load order: any write would change it.
    private static string Fingerprint(EmbeddedGraph graph)
    {
        var builder = new StringBuilder();
        foreach (var node in graph.Graph.Nodes)
        {
            builder.Append(node.Id).Append(string.Join(':', node.Labels)).Append(Canonical(node.Properties)).Append('\n');
        }

        foreach (var relationship in graph.Graph.Relationships)
        {
            builder.Append(relationship.Start.Id).Append(relationship.Type).Append(relationship.End.Id).Append(Canonical(relationship.Properties)).Append('\n');
        }

        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    private static bool Same(EmbeddedGraph graph, string gold, string predicted)
    {
        GraphRows expected;
        try
        {
            expected = graph.Query(gold, maxRows: 10_000, timeout: TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is GraphQueryRefusedException or CypherRuntimeException)
        {
            return false;
        }

        var actual = graph.Query(predicted, maxRows: 10_000, timeout: TimeSpan.FromSeconds(10));
        var left = expected.Rows.Select(r => string.Join(" | ", r.Select(Canonical))).ToList();
        var right = actual.Rows.Select(r => string.Join(" | ", r.Select(Canonical))).ToList();
        if (left.Count != right.Count)
        {
            return false;
        }

        return OrderBy().IsMatch(gold) ? left.SequenceEqual(right, StringComparer.Ordinal) : left.Order(StringComparer.Ordinal).SequenceEqual(right.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static string Canonical(object? value) => value switch
    {
        null => "null",
        long or int or double => Math.Round(Convert.ToDouble(value, CultureInfo.InvariantCulture), 6).ToString("0.######", CultureInfo.InvariantCulture),
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(",", map.Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + Canonical(kv.Value))) + "}",
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Canonical)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Language(string text) => GraphText.HasCjk(text) ? "zh" : "en";

    private static List<GraphExample> Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidDataException($"{file} does not exist.");
        }

        return GraphExampleFile.Parse(File.ReadAllText(file), "eval", Path.GetFileName(file));
    }

    private static List<(string? Question, string? Cypher)> AdversarialLines(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidDataException($"{file} does not exist.");
        }

        var lines = new List<(string?, string?)>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var question = root.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
                var cypher = root.TryGetProperty("cypher", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                if (question is null && cypher is null)
                {
                    throw new InvalidDataException($"{file} line {number}: needs \"question\" or \"cypher\".");
                }

                lines.Add((question, cypher));
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{file} line {number} is not JSON: {exception.Message}", exception);
            }
        }

        return lines;
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    [GeneratedRegex(@"\bORDER\s+BY\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderBy();
}
