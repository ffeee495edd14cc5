using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Assistant.Rag.Embeddings;
using Assistant.Rag.Graph;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>eval-cypher &lt;folder&gt; [--examples F] [--questions F] [--adversarial F] [--json]</c>: execution accuracy of the
/// graph route's Text2Cypher (no LLM) on a folder with an import script and questions.jsonl, its latency, and whether
/// adversarial input wrote anything.
/// </summary>
internal static class EvalCypherCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "An import script (*.cypher; none: the configured graph) and questions.jsonl of {question, cypher}." };
        var examples = new Option<FileInfo?>("--examples") { Description = "Examples for the store (JSON lines or array of {question, cypher}); default: all questions but every 5th." };
        var questions = new Option<FileInfo?>("--questions") { Description = "Questions to ask (same format); default: every 5th question." };
        var adversarial = new Option<FileInfo?>("--adversarial") { Description = "JSON lines {question} (through Text2Cypher) or {cypher} (straight to the guard): nothing may write." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var command = new Command("eval-cypher", "Measure Text2Cypher execution accuracy, latency and the read-only guard on a graph folder.") { folder, examples, questions, adversarial, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(folder)!;
            if (!directory.Exists)
            {
                await Console.Error.WriteLineAsync($"{directory.FullName} does not exist.").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var configured = GraphSettings.ImportFile(CliHost.LoadConfiguration(), Directory.GetCurrentDirectory());
                var script = configured is null ? GraphSettings.SampleScriptText() : await File.ReadAllTextAsync(configured, cancellationToken).ConfigureAwait(false);
                using var embeddings = new MiniLmEmbeddingGenerator();
                var report = await GraphEvaluation.RunAsync(directory.FullName, script, parse.GetValue(examples)?.FullName, parse.GetValue(questions)?.FullName,
                    parse.GetValue(adversarial)?.FullName, embeddings, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    Console.WriteLine(report.ToJsonString(Json));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"accuracy {report["accuracy"]} ({report["correct"]}/{report["total"]} right, {report["wrong"]} wrong, {report["declined"]} declined); p50 {report["p50Ms"]} ms, p95 {report["p95Ms"]} ms"));
                    if (report["adversarial"] is { } a)
                    {
                        Console.WriteLine($"adversarial: {a["tried"]} tried, {a["refused"]} refused, {a["executed"]} cypher lines executed, {a["questionsAnswered"]} questions answered, {a["executedWrites"]} writes");
                    }
                }

                return report["adversarial"] is { } adv && ((int)adv["executedWrites"]! > 0 || (int)adv["executed"]! > 0) ? 1 : 0;
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or CypherSyntaxException or CypherRuntimeException)
            {
                await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}
