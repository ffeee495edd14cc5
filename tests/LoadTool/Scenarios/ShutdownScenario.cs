using System.CommandLine;
using Assistant.LoadTool.Channels;
using Assistant.LoadTool.Fakes;
using Assistant.LoadTool.Running;

namespace Assistant.LoadTool.Scenarios;

/// <summary>
/// <c>shutdown</c>: SIGTERM to the bot under load on all channels: what was accepted before the signal, answered,
/// answered twice or dropped silently; then the bot is started again (same Redis, so the same dedupe claims) and
/// every unfinished Slack event and Teams activity is redelivered, to see whether the retry is answered.
/// </summary>
internal static class ShutdownScenario
{
    public static Command Create(CommonOptions common)
    {
        var rate = new Option<double>("--rate") { Description = "Questions per second on each channel.", DefaultValueFactory = _ => 5 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds of load before the signal.", DefaultValueFactory = _ => 20 };
        var command = new Command("shutdown", "SIGTERM under load on all channels: accepted, answered, answered twice, dropped silently; redelivery after a restart.") { rate, seconds };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var run = common.Read(parse);
            var report = new Report("shutdown");
            await using var fakes = await FakeServer.StartAsync().ConfigureAwait(false);
            await using var services = await BackingServices.StartAsync().ConfigureAwait(false);
            var settings = fakes.BotSettings(withLlm: false);
            foreach (var (key, value) in services.BotSettings())
            {
                settings[key] = value;
            }

            var bot = await run.StartBotAsync(settings, cancellationToken).ConfigureAwait(false);
            var driver = new ChannelDriver(bot.BaseUrl, fakes) { Phase = "before signal" };
            var channels = new[] { ChannelDriver.Playground, ChannelDriver.Slack, ChannelDriver.Teams };
            TimeSpan? exitAfter = null;
            int? exitCode = null;
            BotProcess? restarted = null;
            try
            {
                await ChatScenario.WarmUpAsync(new PlaygroundClient(bot.BaseUrl)).ConfigureAwait(false);
                var loadTime = TimeSpan.FromSeconds(parse.GetValue(seconds));
                var sending = Task.WhenAll(channels.Select(channel =>
                    Pace.AtRateAsync(parse.GetValue(rate), loadTime + TimeSpan.FromSeconds(3), n => driver.AskAsync(channel, n), cancellationToken)));
                await Task.Delay(loadTime, cancellationToken).ConfigureAwait(false);

                Progress.Say($"SIGTERM to pid {bot.Pid}; sending goes on for 3 s");
                var signalled = DateTimeOffset.UtcNow;
                bot.Terminate();
                driver.Phase = "after signal";
                var exited = await bot.WaitForExitAsync(TimeSpan.FromSeconds(90)).ConfigureAwait(false);
                exitAfter = exited ? DateTimeOffset.UtcNow - signalled : null;
                exitCode = bot.ExitCode;
                await sending.ConfigureAwait(false);

                // Whatever a dying bot still posts has arrived by now; later posts belong to the restarted bot.
                await Task.Delay(2000, cancellationToken).ConfigureAwait(false);
                var table = report.Table($"SIGTERM after {loadTime.TotalSeconds} s at {parse.GetValue(rate)} questions/s per channel ('lost' = accepted, never answered, never refused: dropped silently)", ChannelDriver.Columns);
                driver.Tabulate(table);
                var unfinished = driver.Tracked.Where(q => q.Channel != ChannelDriver.Playground && driver.Fate(q) is { Accepted: true, Delivered: false }).ToList();
                var finished = driver.Tracked.Where(q => q.Channel != ChannelDriver.Playground && driver.Fate(q).Delivered).Take(20).ToList();

                if (exited)
                {
                    Progress.Say($"bot exited after {exitAfter!.Value.TotalSeconds:F1} s; restarting it to redeliver {unfinished.Count} unfinished and {finished.Count} finished items");
                    await bot.DisposeAsync().ConfigureAwait(false);
                    restarted = await BotProcess.RestartInAsync(bot.WorkFolder, settings, cancellationToken).ConfigureAwait(false);
                    var again = driver.WithBot(restarted.BaseUrl);
                    var before = unfinished.Concat(finished).ToDictionary(q => q, q => again.Fate(q));
                    await Task.WhenAll(unfinished.Concat(finished).Select(again.RetryAsync)).ConfigureAwait(false);
                    await Pace.UntilAsync(() => unfinished.All(q => again.Fate(q).Delivered), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                    await Task.Delay(2000, cancellationToken).ConfigureAwait(false);

                    var retries = report.Table("redelivery after the restart (same event_id / activity id), same Redis", "channel", "items", "kind", "retry statuses", "answered now", "answered twice");
                    foreach (var group in unfinished.Select(q => (Kind: "unfinished at exit", Q: q)).Concat(finished.Select(q => (Kind: "answered before", Q: q))).GroupBy(x => (x.Q.Channel, x.Kind)))
                    {
                        var statuses = new StatusCounts();
                        foreach (var (_, q) in group)
                        {
                            statuses.Add(q.Retry?.Status ?? "unsent");
                        }

                        table = retries;
                        retries.Add(
                            group.Key.Channel,
                            group.Count(),
                            group.Key.Kind,
                            statuses.ToString(),
                            group.Count(x => again.Fate(x.Q).Delivered && !before[x.Q].Delivered),
                            group.Count(x => again.Fate(x.Q).Twice));
                    }
                }
            }
            finally
            {
                if (restarted is not null)
                {
                    await run.StopBotAsync(restarted).ConfigureAwait(false);
                }
                else
                {
                    await run.StopBotAsync(bot).ConfigureAwait(false);
                }
            }

            report.Note(exitAfter is { } after
                ? $"The bot exited {after.TotalSeconds:F1} s after SIGTERM with code {exitCode}."
                : "The bot did not exit within 90 s of SIGTERM.");
            report.Print(run.Json);
            return 0;
        });
        return command;
    }
}
