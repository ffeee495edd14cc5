using System.CommandLine;
using Assistant.LoadTool.Channels;
using Assistant.LoadTool.Running;

namespace Assistant.LoadTool.Scenarios;

/// <summary><c>teams</c>: message activities with Bot Connector tokens at a fixed rate against a fake connector: 2xx at once, every question replied to once.</summary>
internal static class TeamsScenario
{
    public static Command Create(CommonOptions common)
    {
        var rate = new Option<double>("--rate") { Description = "Activities per second.", DefaultValueFactory = _ => 5 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds of sending.", DefaultValueFactory = _ => 60 };
        var retries = new Option<double>("--retry-share") { Description = "Share of activities the connector delivers a second time (same id).", DefaultValueFactory = _ => 0.1 };
        var command = new Command("teams", "Teams activities (tokens from a local OpenID stand-in) at a fixed rate through a fake connector: 200 latency, replied once, lost, duplicated.") { rate, seconds, retries };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) => ChannelRateRun.RunAsync(
            ChannelDriver.Teams, parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(retries), common.Read(parse), cancellationToken));
        return command;
    }
}
