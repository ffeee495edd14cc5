using System.CommandLine;
using Assistant.Bot.Cli;

// The command line: serve (default) | ingest <folder> | ask "<question>" [--json] | eval <dir> | eval-answers <file.jsonl> | eval-dialogues <file.jsonl> | eval-sql <folder> | teams-package | feedback reset | graph query "<cypher>".
var root = new RootCommand($"Enterprise question-answering assistant for Teams, Slack and a local playground. Without a command it serves; host options: {HostArguments.Summary}.")
{
    // Host options and --Section:Key=value overrides go through to ASP.NET Core; ServeCommand refuses anything else.
    TreatUnmatchedTokensAsErrors = false,
};
var serve = ServeCommand.Create();
root.Subcommands.Add(serve);
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(AskCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(EvalAnswersCommand.Create());
root.Subcommands.Add(EvalDialoguesCommand.Create());
root.Subcommands.Add(EvalSqlCommand.Create());
root.Subcommands.Add(EvalCypherCommand.Create());
root.Subcommands.Add(TeamsPackageCommand.Create());
root.Subcommands.Add(FeedbackCommand.Create());
root.Subcommands.Add(GraphCommand.Create());
root.SetAction((parse, cancellationToken) => ServeCommand.RunAsync([.. parse.UnmatchedTokens], root, cancellationToken));

// Only a bad setting is caught, and only when this is the process's entry point: the host's own abort signal (used
// by WebApplicationFactory) and everything else must reach the caller.
var parse = root.Parse(args);
if (parse.CommandResult.Command is var command && command != root && command != serve && parse.UnmatchedTokens.Count > 0)
{
    // Only serve passes tokens on (to ASP.NET Core); elsewhere an unknown option is a typo, not something to ignore.
    await Console.Error.WriteLineAsync($"Unknown argument or option '{parse.UnmatchedTokens[0]}' for '{command.Name}'. See '{command.Name} --help'.");
    return 2;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception exception) when (StartupFailure.IsOwnProcess && StartupFailure.Describe(exception) is { } line)
{
    await Console.Error.WriteLineAsync(line);
    return 3;
}

/// <summary>Entry point; public so WebApplicationFactory can find it.</summary>
public partial class Program;
