using Assistant.Bot.Cards;
using Table = Spectre.Console.Table;
using TableColumn = Spectre.Console.TableColumn;
using Assistant.Bot.Channels;
using Spectre.Console;

namespace Assistant.Bot.Cli;

/// <summary>The <c>ask</c> command's reply: the answer and its sources on the terminal, or the same JSON as POST /api/chat.</summary>
internal sealed class ConsoleReply(bool json) : IChannelReply<string>
{
    private static readonly AdaptiveCardRenderer Renderer = new();

    public string Channel => ChannelNames.CommandLine;

    public Task BeginAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendNoticeAsync(string text, CancellationToken cancellationToken) => Console.Error.WriteLineAsync(text);

    public string Render(AnswerView view) => json ? AnswerJson.Serialize(view.Answer, Renderer) : view.Text;

    public async Task SendAsync(AnswerView view, string message, CancellationToken cancellationToken)
    {
        if (json)
        {
            await Console.Out.WriteLineAsync(message).ConfigureAwait(false);
            return;
        }

        AnsiConsole.WriteLine(message);
        foreach (var table in view.Tables)
        {
            var grid = new Table().Caption($"{Markup.Escape(table.Title)} · {Markup.Escape(table.Caption)}");
            foreach (var column in table.Columns)
            {
                grid.AddColumn(new TableColumn(Markup.Escape(column)));
            }

            foreach (var row in table.Rows)
            {
                grid.AddRow([.. row.Select(Markup.Escape)]);
            }

            AnsiConsole.Write(grid);
            AnsiConsole.MarkupLineInterpolated($"[grey]{table.QueryLanguage}: {table.Query}[/]");
        }

        foreach (var suggestion in view.Suggestions)
        {
            AnsiConsole.MarkupLineInterpolated($"  • {suggestion}");
        }

        foreach (var citation in view.Answer.Citations)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey][[{citation.N}]] {citation.Title} — {citation.Url}[/]");
        }
    }
}
