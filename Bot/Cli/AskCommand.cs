using System.CommandLine;
using Assistant.Bot.Channels;
using Assistant.Rag;

namespace Assistant.Bot.Cli;

/// <summary><c>ask "&lt;question&gt;" [--json]</c>: answers one question exactly as the server would, through the same channel pipeline.</summary>
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
            var turn = new Turn(ChannelNames.CommandLine, Guid.NewGuid().ToString("N"), Environment.UserName, parse.GetValue(question) ?? string.Empty);
            var outcome = await host.Services.GetRequiredService<ChannelPipeline>()
                .AnswerAsync(turn, new ConsoleReply(parse.GetValue(json)), cancellationToken).ConfigureAwait(false);

            // Stopping waits for the answer's record in the feedback store.
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
            return outcome.Answer is null ? 1 : 0;
        });
        return command;
    }
}
