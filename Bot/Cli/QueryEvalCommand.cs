using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Rag.Embeddings;

namespace Assistant.Bot.Cli;

/// <summary>
/// What <c>eval-sql</c> and <c>eval-cypher</c> share: the folder argument, the example, question and adversarial files,
/// the report as JSON or one summary line, exit 1 when adversarial input wrote anything and 2 for bad input.
/// </summary>
internal static class QueryEvalCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The files one evaluation reads.</summary>
    public sealed record Files(string Folder, string? Examples, string? Questions, string? Adversarial);

    /// <summary>What differs between the two commands: their texts, the evaluation, and how to read its adversarial part.</summary>
    public sealed record Definition(
        string Name,
        string Description,
        string Folder,
        string Examples,
        string Questions,
        string Adversarial,
        Func<Files, MiniLmEmbeddingGenerator, CancellationToken, Task<JsonObject>> Run,
        Func<JsonNode, string> AdversarialLine,
        Func<JsonNode, bool> Wrote,
        Func<Exception, bool> IsBadInput);

    public static Command Create(Definition definition)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = definition.Folder };
        var examples = new Option<FileInfo?>("--examples") { Description = definition.Examples };
        var questions = new Option<FileInfo?>("--questions") { Description = definition.Questions };
        var adversarial = new Option<FileInfo?>("--adversarial") { Description = definition.Adversarial };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var command = new Command(definition.Name, definition.Description) { folder, examples, questions, adversarial, json };
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
                var files = new Files(directory.FullName, parse.GetValue(examples)?.FullName, parse.GetValue(questions)?.FullName, parse.GetValue(adversarial)?.FullName);
                var report = await definition.Run(files, embeddings, cancellationToken).ConfigureAwait(false);
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
                        Console.WriteLine(definition.AdversarialLine(a));
                    }
                }

                return report["adversarial"] is { } adv && definition.Wrote(adv) ? 1 : 0;
            }
            catch (Exception exception) when (definition.IsBadInput(exception))
            {
                await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}
