using System.CommandLine;
using Assistant.LoadTool.Channels;
using Assistant.LoadTool.Running;

namespace Assistant.LoadTool.Scenarios;

/// <summary><c>slack</c>: signed app_mention events at a fixed rate against a fake Web API: acks under 3 s, every question answered once.</summary>
internal static class SlackScenario
{
    public static Command Create(CommonOptions common)
    {
        var rate = new Option<double>("--rate") { Description = "Events per second.", DefaultValueFactory = _ => 5 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds of sending.", DefaultValueFactory = _ => 60 };
        var retries = new Option<double>("--retry-share") { Description = "Share of events Slack delivers a second time (same event_id).", DefaultValueFactory = _ => 0.1 };
        var command = new Command("slack", "Signed Slack events at a fixed rate through a fake Web API: ack latency, answered once, lost, duplicated.") { rate, seconds, retries };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) => ChannelRateRun.RunAsync(
            ChannelDriver.Slack, parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(retries), common.Read(parse), cancellationToken));
        return command;
    }
}
