using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using Assistant.LoadTool.Channels;
using Assistant.LoadTool.Running;

namespace Assistant.LoadTool.Scenarios;

/// <summary><c>memory</c>: many turns on /api/chat over many conversations; the bot's VmRSS every 1,000 turns, and 10,000 against 1,000.</summary>
internal static class MemoryScenario
{
    private const int Every = 1000;

    public static Command Create(CommonOptions common)
    {
        var turns = new Option<int>("--turns") { Description = "Turns in all.", DefaultValueFactory = _ => 10_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent clients.", DefaultValueFactory = _ => 4 };
        var conversations = new Option<int>("--conversations") { Description = "Distinct conversations the turns are spread over.", DefaultValueFactory = _ => 2000 };
        var command = new Command("memory", "Turns on /api/chat; the bot's resident set (VmRSS) every 1,000 turns, and the last against the one at 1,000.") { turns, concurrency, conversations };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var run = common.Read(parse);
            var total = parse.GetValue(turns);
            var spread = parse.GetValue(conversations);
            var report = new Report("memory");
            var bot = await run.StartBotAsync(new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
            var readings = new ConcurrentDictionary<int, (long KiB, double Seconds)>();
            var statuses = new StatusCounts();
            try
            {
                var client = new PlaygroundClient(bot.BaseUrl);
                await ChatScenario.WarmUpAsync(client).ConfigureAwait(false);
                readings[0] = (bot.ResidentKiB(), 0);
                Progress.Say($"{total} turns at concurrency {parse.GetValue(concurrency)} over {spread} conversations; RSS after warm-up {readings[0].KiB / 1024} MiB");
                var issued = 0;
                var completed = 0;
                var clock = Stopwatch.StartNew();
                await Pace.ClosedLoopAsync(parse.GetValue(concurrency), TimeSpan.FromHours(2), async (worker, _) =>
                {
                    var n = Interlocked.Increment(ref issued);
                    if (n > total)
                    {
                        return;
                    }

                    var outcome = await client.AskAsync($"mem-{n % spread}", $"user-{n % 97}", Questions.Pick(n)).ConfigureAwait(false);
                    statuses.Add(outcome.Status);
                    var done = Interlocked.Increment(ref completed);
                    if (done % Every == 0)
                    {
                        readings[done] = (bot.ResidentKiB(), clock.Elapsed.TotalSeconds);
                        Progress.Say($"{done} turns, RSS {readings[done].KiB / 1024} MiB");
                    }
                }, stop: () => Volatile.Read(ref issued) >= total).ConfigureAwait(false);
            }
            finally
            {
                await run.StopBotAsync(bot).ConfigureAwait(false);
            }

            var table = report.Table("bot working set (VmRSS) by turns completed", "turns", "VmRSS MiB", "vs 1,000 turns", "elapsed s");
            var baseline = readings.TryGetValue(Every, out var b) ? b.KiB : 0;
            foreach (var (count, (kib, seconds)) in readings.OrderBy(r => r.Key))
            {
                table.Add(count == 0 ? "after warm-up" : count.ToString(System.Globalization.CultureInfo.InvariantCulture), kib / 1024.0, baseline == 0 ? "-" : $"{(kib - baseline) * 100.0 / baseline:+0.0;-0.0} %", seconds);
            }

            var last = readings.Keys.Max();
            if (baseline > 0 && last > Every)
            {
                var ratio = (double)readings[last].KiB / baseline;
                report.Note($"VmRSS after {last} turns / after {Every}: {ratio:F3} (goal: within 10 %, i.e. ≤ 1.100): {(ratio <= 1.10 ? "met" : "not met")}. Statuses: {statuses}.");
            }

            report.Print(run.Json);
            return 0;
        });
        return command;
    }
}
