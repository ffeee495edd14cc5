using System.CommandLine;

namespace Assistant.LoadTool.Running;

/// <summary>Options every scenario takes.</summary>
internal sealed class CommonOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print the report as JSON on standard output (progress stays on standard error)." };

    public Option<DirectoryInfo> Index { get; } = new("--index")
    {
        Description = "A prepared index folder, copied into each run's working folder (built by a first start from samples/kb when missing).",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "assistant-loadtool-index")),
    };

    public Option<bool> Keep { get; } = new("--keep") { Description = "Keep the bot's working folder (index copy, feedback store, bot.log) after the run." };

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Index);
        command.Options.Add(Keep);
    }

    public RunSettings Read(ParseResult parse) => new(parse.GetValue(Json), parse.GetValue(Index)!.FullName, parse.GetValue(Keep));
}
