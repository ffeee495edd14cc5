using System.CommandLine;
using Assistant.LoadTool.Channels;
using Assistant.LoadTool.Fakes;
using Assistant.LoadTool.Running;

namespace Assistant.LoadTool.Scenarios;

/// <summary>
/// <c>fairness</c>: a quiet user at 1 request/s, first alone and then beside a flooder at 50/s, on the playground and
/// on Slack: the quiet user's p95 both ways and the flooder's statuses (429s and "slow down" once rate limits exist).
/// </summary>
internal static class FairnessScenario
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(90);

    public static Command Create(CommonOptions common)
    {
        var seconds = new Option<int>("--seconds") { Description = "Seconds per phase.", DefaultValueFactory = _ => 60 };
        var flood = new Option<double>("--flood-rate") { Description = "The flooder's requests per second.", DefaultValueFactory = _ => 50 };
        var quiet = new Option<double>("--quiet-rate") { Description = "The quiet user's requests per second.", DefaultValueFactory = _ => 1 };
        var channels = new Option<string[]>("--channels") { Description = "Channels to measure: playground, slack.", DefaultValueFactory = _ => [ChannelDriver.Playground, ChannelDriver.Slack], AllowMultipleArgumentsPerToken = true };
        var command = new Command("fairness", "One user flooding beside a quiet one: the quiet user's p95 alone and with the flooder, the flooder's statuses.") { seconds, flood, quiet, channels };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var run = common.Read(parse);
            var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
            var report = new Report("fairness");
            var table = report.Table(
                $"quiet user at {parse.GetValue(quiet)}/s, alone and beside a flooder at {parse.GetValue(flood)}/s, {duration.TotalSeconds} s each",
                "channel", "phase", "user", "sent", "statuses", "answered", "notice only", "p50 ms", "p95 ms", "max ms", "skipped (500 in flight)");
            foreach (var channel in parse.GetValue(channels)!.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries)))
            {
                await using var fakes = await FakeServer.StartAsync().ConfigureAwait(false);
                var settings = fakes.BotSettings(withLlm: false);

                // The product's default allowances, which this scenario is about.
                settings["FairUse__PerUserPerMinute"] = "60";
                settings["FairUse__PerConversationPerMinute"] = "120";
                var bot = await run.StartBotAsync(settings, cancellationToken).ConfigureAwait(false);
                try
                {
                    var driver = new ChannelDriver(bot.BaseUrl, fakes);
                    await ChatScenario.WarmUpAsync(new PlaygroundClient(bot.BaseUrl)).ConfigureAwait(false);

                    driver.Phase = "alone";
                    Progress.Say($"{channel}: quiet user alone for {duration.TotalSeconds} s");
                    var skipped = await QuietAsync(driver, channel, parse.GetValue(quiet), duration, cancellationToken).ConfigureAwait(false);
                    await driver.DrainAsync(Drain).ConfigureAwait(false);
                    Add(table, driver, channel, "alone", ("quiet", skipped));

                    driver.Phase = "with flooder";
                    Progress.Say($"{channel}: quiet user beside a flooder at {parse.GetValue(flood)}/s for {duration.TotalSeconds} s");
                    var flooding = Pace.AtRateAsync(parse.GetValue(flood), duration, n => driver.AskAsync(channel, n, Flooder(channel), channel == ChannelDriver.Slack ? "CFLOOD" : "flood"), cancellationToken);
                    var quietSkipped = await QuietAsync(driver, channel, parse.GetValue(quiet), duration, cancellationToken).ConfigureAwait(false);
                    var floodSkipped = await flooding.ConfigureAwait(false);

                    // Only the quiet user's answers are waited for: the flooder's backlog may take minutes to work through.
                    await Pace.UntilAsync(() => driver.Tracked.Where(q => q.User == Quiet(channel)).All(q => !driver.Fate(q).Lost), Drain).ConfigureAwait(false);
                    Add(table, driver, channel, "with flooder", ("quiet", quietSkipped), ("flooder", floodSkipped));
                }
                finally
                {
                    await run.StopBotAsync(bot).ConfigureAwait(false);
                }
            }

            report.Note("Playground latency: the /api/chat response. Slack latency: event sent to the answer's chat.update. Slack flooder events all go to one channel, quiet ones to another.");
            report.Print(run.Json);
            return 0;
        });
        return command;
    }

    private static string Quiet(string channel) => channel == ChannelDriver.Slack ? "UQUIET" : "quiet-user";

    private static string Flooder(string channel) => channel == ChannelDriver.Slack ? "UFLOOD" : "flooder";

    private static Task<int> QuietAsync(ChannelDriver driver, string channel, double rate, TimeSpan duration, CancellationToken cancellationToken) =>
        Pace.AtRateAsync(rate, duration, n => driver.AskAsync(channel, n, Quiet(channel), channel == ChannelDriver.Slack ? "CQUIET" : "quiet"), cancellationToken);

    private static void Add(ReportTable table, ChannelDriver driver, string channel, string phase, params (string Who, int Skipped)[] users)
    {
        foreach (var (who, skipped) in users)
        {
            var user = who == "quiet" ? Quiet(channel) : Flooder(channel);
            var questions = driver.Tracked.Where(q => q.Phase == phase && q.User == user).ToList();
            var statuses = new StatusCounts();
            var latency = new LatencySamples();
            var answered = 0;
            var notices = 0;
            foreach (var question in questions)
            {
                statuses.Add(question.Ack?.Status ?? "unsent");
                var fate = driver.Fate(question);
                answered += fate.Answers > 0 ? 1 : 0;
                notices += fate.Answers == 0 && fate.Notices > 0 ? 1 : 0;
                if (fate.Latency is { } l && fate.Answers > 0)
                {
                    latency.Add(l.TotalMilliseconds);
                }
            }

            table.Add(channel, phase, who, questions.Count, statuses.ToString(), answered, notices, latency.Percentile(50), latency.Percentile(95), latency.Max(), skipped);
        }
    }
}
