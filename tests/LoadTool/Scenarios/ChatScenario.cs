using System.CommandLine;
using System.Diagnostics;
using Assistant.LoadTool.Channels;
using Assistant.LoadTool.Running;

namespace Assistant.LoadTool.Scenarios;

/// <summary><c>chat</c>: POST /api/chat with the fifteen sample questions at each concurrency for a fixed time: turns/s, percentiles, statuses.</summary>
internal static class ChatScenario
{
    public static Command Create(CommonOptions common)
    {
        var concurrency = new Option<int[]>("--concurrency") { Description = "Concurrent clients, one run each.", DefaultValueFactory = _ => [1, 4, 16], AllowMultipleArgumentsPerToken = true, CustomParser = ParseList };
        var seconds = new Option<int>("--seconds") { Description = "Seconds per concurrency.", DefaultValueFactory = _ => 60 };
        var command = new Command("chat", "Playground /api/chat at fixed concurrencies: turns/s, p50/p95/p99, errors by status.") { concurrency, seconds };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var run = common.Read(parse);
            var report = new Report("chat");
            var bot = await run.StartBotAsync(new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
            try
            {
                var table = report.Table($"POST /api/chat, {Questions.All.Count} questions in turn, {parse.GetValue(seconds)} s per concurrency", "concurrency", "turns", "turns/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "statuses");
                var client = new PlaygroundClient(bot.BaseUrl);
                await WarmUpAsync(client).ConfigureAwait(false);
                foreach (var c in parse.GetValue(concurrency)!)
                {
                    Progress.Say($"concurrency {c} for {parse.GetValue(seconds)} s");
                    var latencies = new LatencySamples();
                    var statuses = new StatusCounts();
                    var turns = 0;
                    var clock = Stopwatch.StartNew();
                    await Pace.ClosedLoopAsync(c, TimeSpan.FromSeconds(parse.GetValue(seconds)), async (worker, n) =>
                    {
                        var number = Interlocked.Increment(ref turns);
                        var outcome = await client.AskAsync($"load-c{c}-w{worker}-{n / 5}", $"user-{worker}", Questions.Pick(number)).ConfigureAwait(false);
                        latencies.Add(outcome.Milliseconds);
                        statuses.Add(outcome.Status);
                    }).ConfigureAwait(false);
                    var elapsed = clock.Elapsed.TotalSeconds;
                    table.Add(c, turns, turns / elapsed, latencies.Percentile(50), latencies.Percentile(95), latencies.Percentile(99), latencies.Max(), statuses.ToString());
                }
            }
            finally
            {
                await run.StopBotAsync(bot).ConfigureAwait(false);
            }

            report.Note("Each worker keeps a conversation for 5 turns, then starts a new one. No LLM: extractive answers.");
            report.Print(run.Json);
            return 0;
        });
        return command;
    }

    /// <summary>A few turns before measuring, so JIT and first-use caches do not land in the first concurrency's figures.</summary>
    internal static async Task WarmUpAsync(PlaygroundClient client)
    {
        for (var i = 0; i < Questions.All.Count; i++)
        {
            await client.AskAsync("warm-up", "warm-up", Questions.Pick(i)).ConfigureAwait(false);
        }
    }

    internal static int[] ParseList(System.CommandLine.Parsing.ArgumentResult result) =>
        [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
}
