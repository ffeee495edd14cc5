using System.CommandLine;
using Assistant.Rag.Sql;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>eval-sql &lt;folder&gt; [--examples F] [--questions F] [--adversarial F] [--json]</c>: execution accuracy of the SQL
/// route (no LLM) on a Spider-layout folder, its latency, and whether adversarial input wrote anything.
/// </summary>
internal static class EvalSqlCommand
{
    public static Command Create() => QueryEvalCommand.Create(new(
        "eval-sql",
        "Measure NL2SQL execution accuracy, latency and the read-only guard on a Spider-layout folder.",
        "Spider layout: database/<db>/<db>.sqlite and questions.json.",
        "Examples for the store (JSON array of {db_id, question, query}); default: the first question of each gold-SQL group.",
        "Questions to ask (same format); default: the other questions of each group.",
        "JSON lines {db_id, question} or {db_id, sql}: nothing may write.",
        (files, embeddings, cancellationToken) => SqlEvaluation.RunAsync(files.Folder, files.Examples, files.Questions, files.Adversarial, embeddings, DateTimeOffset.UtcNow, cancellationToken),
        a => $"adversarial: {a["tried"]} tried, {a["refused"]} refused, {a["executedWrites"]} writes, checksums unchanged: {a["checksumUnchanged"]}",
        a => (int)a["executedWrites"]! > 0 || !(bool)a["checksumUnchanged"]!,
        exception => exception is InvalidDataException));
}
