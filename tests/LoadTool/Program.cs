using System.CommandLine;
using Assistant.LoadTool.Running;
using Assistant.LoadTool.Scenarios;

// Loopback load, fault, shutdown, memory and fairness scenarios against the Release build of the bot, which the tool
// starts itself (dotnet build Bot -c Release first). Each scenario is bounded in count and time and stops by itself.
var common = new CommonOptions();
var root = new RootCommand("Load tool for the assistant: starts the bot and its fakes on 127.0.0.1 and measures one scenario.");
root.Subcommands.Add(ChatScenario.Create(common));
root.Subcommands.Add(SlackScenario.Create(common));
root.Subcommands.Add(TeamsScenario.Create(common));
root.Subcommands.Add(FaultsScenario.Create(common));
root.Subcommands.Add(ShutdownScenario.Create(common));
root.Subcommands.Add(MemoryScenario.Create(common));
root.Subcommands.Add(FairnessScenario.Create(common));
return await root.Parse(args).InvokeAsync();
