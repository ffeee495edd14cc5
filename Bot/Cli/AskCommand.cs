using System.CommandLine;
using Assistant.Bot.Cards;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Spectre.Console;

namespace Assistant.Bot.Cli;

/// <summary><c>ask "&lt;question&gt;" [--json]</c>: answers one question exactly as the server would.</summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "The question." };
        var json = new Option<bool>("--json") { Description = "Print the answer as the same JSON that POST /api/chat returns." };
        var command = new Command("ask", "Answer one question from the index.") { question, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
            await CliHost.OpenIndexAsync(host, cancellationToken).ConfigureAwait(false);
            // Each ask is a conversation of its own: a shared Redis must not turn one person's asks into follow-ups of another's.
            var turn = new Turn("cli", Guid.NewGuid().ToString("N"), Environment.UserName, parse.GetValue(question) ?? string.Empty);
            var answer = await host.Services.GetRequiredService<IAssistant>().AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
            await host.Services.GetRequiredService<IFeedbackStore>().RecordAnswerAsync(turn, answer, cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(AnswerJson.Serialize(answer, new AdaptiveCardRenderer())).ConfigureAwait(false);
                return 0;
            }

            AnsiConsole.WriteLine(answer.Text);
            foreach (var citation in answer.Citations)
            {
                AnsiConsole.MarkupLineInterpolated($"[grey][[{citation.N}]] {citation.Title} — {citation.Url}[/]");
            }

            return 0;
        });
        return command;
    }
}
