using System.CommandLine;
using Assistant.Rag.Graph;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>eval-cypher &lt;folder&gt; [--examples F] [--questions F] [--adversarial F] [--json]</c>: execution accuracy of the
/// graph route's Text2Cypher (no LLM) on a folder with an import script and questions.jsonl, its latency, and whether
/// adversarial input wrote anything.
/// </summary>
internal static class EvalCypherCommand
{
    public static Command Create() => QueryEvalCommand.Create(new(
        "eval-cypher",
        "Measure Text2Cypher execution accuracy, latency and the read-only guard on a graph folder.",
        "An import script (*.cypher; none: the configured graph) and questions.jsonl of {question, cypher}.",
        "Examples for the store (JSON lines or array of {question, cypher}); default: all questions but every 5th.",
        "Questions to ask (same format); default: every 5th question.",
        "JSON lines {question} (through Text2Cypher) or {cypher} (straight to the guard): nothing may write.",
        async (files, embeddings, cancellationToken) =>
        {
            var configured = GraphSettings.ImportFile(CliHost.LoadConfiguration(), Directory.GetCurrentDirectory());
            var script = configured is null ? GraphSettings.SampleScriptText() : await File.ReadAllTextAsync(configured, cancellationToken).ConfigureAwait(false);
            return await GraphEvaluation.RunAsync(files.Folder, script, files.Examples, files.Questions, files.Adversarial, embeddings, cancellationToken).ConfigureAwait(false);
        },
        a => $"adversarial: {a["tried"]} tried, {a["refused"]} refused, {a["executed"]} cypher lines executed, {a["questionsAnswered"]} questions answered, {a["executedWrites"]} writes",
        a => (int)a["executedWrites"]! > 0 || (int)a["executed"]! > 0,
        exception => exception is InvalidDataException or IOException or CypherSyntaxException or CypherRuntimeException));
}
