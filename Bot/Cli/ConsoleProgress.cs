using Assistant.Rag.Ingestion;
using Spectre.Console;

namespace Assistant.Bot.Cli;

/// <summary>Shows ingest progress as a Spectre.Console progress bar (documents, chunks embedded, chunks per second).</summary>
internal sealed class ConsoleProgress : IProgress<IngestProgress>
{
    private readonly ProgressTask _task;

    public ConsoleProgress(ProgressTask task) => _task = task;

    /// <summary>Runs <paramref name="work"/> with a progress bar on standard error.</summary>
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<IngestProgress>, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: 1);
                var result = await work(new ConsoleProgress(task)).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    public void Report(IngestProgress value)
    {
        _task.MaxValue = Math.Max(1, value.DocumentsTotal);
        _task.Value = value.DocumentsDone;
        _task.Description = $"{value.DocumentsDone}/{value.DocumentsTotal} documents, {value.ChunksEmbedded} chunks embedded ({value.ChunksPerSecond:F1}/s)";
    }
}
