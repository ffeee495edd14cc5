using System.CommandLine;
using Assistant.Connectors.FileSystem;
using Assistant.Rag.Indexes;
using Spectre.Console;

namespace Assistant.Bot.Cli;

/// <summary><c>ingest &lt;folder&gt; [--source name]</c>: syncs a local folder into the index, with a progress bar.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder of Markdown, HTML, text, PDF and DOCX files." };
        var source = new Option<string?>("--source") { Description = "Source name (default: the folder's name). Files deleted from the folder are removed from this source." };
        var command = new Command("ingest", "Index a folder (incremental: unchanged files do no work; deleted files are removed).") { folder, source };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(folder)!;
            if (!directory.Exists)
            {
                await Console.Error.WriteLineAsync($"The folder '{directory.FullName}' does not exist.").ConfigureAwait(false);
                return 2;
            }

            using var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
            await host.Services.GetRequiredService<KnowledgeIndex>().OpenAsync(cancellationToken).ConfigureAwait(false);
            var connector = host.Services.GetRequiredService<FileSystemConnector>();
            var name = parse.GetValue(source) ?? directory.Name;
            var result = await ConsoleProgress.RunAsync("Ingesting", progress => connector.SyncAsync(directory.FullName, name, progress, cancellationToken)).ConfigureAwait(false);

            var ingest = result.Ingest;
            AnsiConsole.MarkupLineInterpolated($"[green]{ingest.Added}[/] added, [green]{ingest.Updated}[/] updated, {ingest.Unchanged} unchanged, [yellow]{ingest.Removed}[/] removed; {ingest.Chunks} chunks written, {ingest.ChunksEmbedded} embedded ({ingest.ChunksPerSecond:F1}/s), {ingest.ChunksReused} reused, in {ingest.Elapsed.TotalSeconds:F1} s");
            foreach (var skipped in result.Skipped)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {skipped.RelativePath}: {skipped.Reason}");
            }

            return 0;
        });
        return command;
    }
}
