using System.CommandLine;
using Assistant.Bot.Cli;
using Assistant.Bot.Hosting;

// The command line: serve (default) | ingest <folder> | ask "<question>" [--json] | eval <dir> | teams-package | feedback reset.
var root = new RootCommand("Enterprise question-answering assistant for Teams, Slack and a local playground.")
{
    TreatUnmatchedTokensAsErrors = false,
};
root.SetAction((parse, cancellationToken) => ServeCommand.RunAsync([.. parse.UnmatchedTokens], cancellationToken));
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(AskCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(TeamsPackageCommand.Create());
root.Subcommands.Add(FeedbackCommand.Create());

// Exceptions are not caught here: the host's own abort signal (used by WebApplicationFactory) must reach the caller.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });

/// <summary>Entry point; public so WebApplicationFactory can find it.</summary>
public partial class Program;
