using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Assistant.Rag.Embeddings;
using Assistant.Rag.Sql;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>eval-sql &lt;folder&gt; [--examples F] [--questions F] [--adversarial F] [--json]</c>: execution accuracy of the SQL
/// route (no LLM) on a Spider-layout folder, its latency, and whether adversarial input wrote anything.
/// </summary>
internal static class EvalSqlCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Spider layout: database/<db>/<db>.sqlite and questions.json." };
        var examples = new Option<FileInfo?>("--examples") { Description = "Examples for the store (JSON array of {db_id, question, query}); default: the first question of each gold-SQL group." };
        var questions = new Option<FileInfo?>("--questions") { Description = "Questions to ask (same format); default: the other questions of each group." };
        var adversarial = new Option<FileInfo?>("--adversarial") { Description = "JSON lines {db_id, question} or {db_id, sql}: nothing may write." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var command = new Command("eval-sql", "Measure NL2SQL execution accuracy, latency and the read-only guard on a Spider-layout folder.") { folder, examples, questions, adversarial, json };
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
                using var embeddings = new MiniLmEmbeddingGenerator();
                var report = await SqlEvaluation.RunAsync(directory.FullName, parse.GetValue(examples)?.FullName, parse.GetValue(questions)?.FullName,
                    parse.GetValue(adversarial)?.FullName, embeddings, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
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
                        Console.WriteLine($"adversarial: {a["tried"]} tried, {a["refused"]} refused, {a["executedWrites"]} writes, checksums unchanged: {a["checksumUnchanged"]}");
                    }
                }

                return report["adversarial"] is { } adv && ((int)adv["executedWrites"]! > 0 || !(bool)adv["checksumUnchanged"]!) ? 1 : 0;
            }
            catch (InvalidDataException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}
