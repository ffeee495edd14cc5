using System.CommandLine;
using System.Diagnostics;
using Assistant.LoadTool.Channels;
using Assistant.LoadTool.Fakes;
using Assistant.LoadTool.Running;

namespace Assistant.LoadTool.Scenarios;

/// <summary>
/// <c>faults</c>: steady questions and votes on all three channels while Redis is killed and restarted, PostgreSQL
/// (the feedback store) is killed and restarted, and the LLM stand-in fails with 500s and then hangs; per phase and
/// channel: answered, lost, answered twice, votes recorded or refused, and whether everything works again afterwards
/// without restarting the bot.
/// </summary>
internal static class FaultsScenario
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(180);

    public static Command Create(CommonOptions common)
    {
        var rate = new Option<double>("--rate") { Description = "Questions per second on each channel.", DefaultValueFactory = _ => 1.5 };
        var seconds = new Option<int>("--phase-seconds") { Description = "Seconds per phase.", DefaultValueFactory = _ => 18 };
        var command = new Command("faults", "Redis, PostgreSQL and LLM outages under load on all channels: lost answers, votes refused, recovery without a restart.") { rate, seconds };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var run = common.Read(parse);
            var phaseLength = TimeSpan.FromSeconds(parse.GetValue(seconds));
            var report = new Report("faults");
            await using var fakes = await FakeServer.StartAsync().ConfigureAwait(false);
            await using var services = await BackingServices.StartAsync().ConfigureAwait(false);
            var settings = fakes.BotSettings(withLlm: true);
            foreach (var (key, value) in services.BotSettings())
            {
                settings[key] = value;
            }

            var bot = await run.StartBotAsync(settings, cancellationToken).ConfigureAwait(false);
            var pid = bot.Pid;
            var driver = new ChannelDriver(bot.BaseUrl, fakes) { Vote = true };
            FaultPhase[] phases =
            [
                new("baseline", () => Task.CompletedTask),
                new("redis down", services.KillRedisAsync),
                new("redis back", services.StartRedisAsync, Recovery: true),
                new("postgres down", services.KillPostgresAsync),
                new("postgres back", services.StartPostgresAsync, Recovery: true),
                new("llm 500s", () => Switch(fakes.Llm, LlmMode.Failing)),
                new("llm back", () => Switch(fakes.Llm, LlmMode.Normal), Recovery: true),
                new("llm hanging", () => Switch(fakes.Llm, LlmMode.Hanging)),
                new("llm back after hang", () => Switch(fakes.Llm, LlmMode.Normal), Recovery: true),
            ];
            var phaseStarts = new Dictionary<string, DateTimeOffset>();
            try
            {
                await ChatScenario.WarmUpAsync(new PlaygroundClient(bot.BaseUrl)).ConfigureAwait(false);
                using var voting = new CancellationTokenSource();
                var voter = driver.VoteContinuouslyAsync(voting.Token);
                var total = phaseLength * phases.Length;
                var sending = Task.WhenAll(
                    new[] { ChannelDriver.Playground, ChannelDriver.Slack, ChannelDriver.Teams }.Select(channel =>
                        Pace.AtRateAsync(parse.GetValue(rate), total, n => driver.AskAsync(channel, n), cancellationToken)));
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < phases.Length; i++)
                {
                    var wait = (phaseLength * i) - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    }

                    // Questions sent while a service is being killed or restarted count in the new phase.
                    Progress.Say($"phase {phases[i].Name}");
                    driver.Phase = phases[i].Name;
                    await phases[i].Begin().ConfigureAwait(false);
                    phaseStarts[phases[i].Name] = DateTimeOffset.UtcNow;
                }

                await sending.ConfigureAwait(false);
                driver.Phase = "after load";
                Progress.Say("sending done; waiting for queued answers and votes");
                await driver.DrainAsync(Drain).ConfigureAwait(false);
                await Task.Delay(2000, cancellationToken).ConfigureAwait(false);
                await voting.CancelAsync().ConfigureAwait(false);
                await voter.ConfigureAwait(false);
                await driver.VoteOnNewAnswersAsync().ConfigureAwait(false);
                await Task.Delay(3000, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                fakes.Llm.Mode = LlmMode.Normal;
                await run.StopBotAsync(bot).ConfigureAwait(false);
            }

            var table = report.Table(
                $"per phase ({phaseLength.TotalSeconds} s each) and channel, {parse.GetValue(rate)} questions/s per channel, every answer voted 👍 (votes counted in the phase they were cast)",
                ChannelDriver.Columns);
            driver.Tabulate(table);

            var recovery = report.Table("recovery after each outage: questions sent in the second half of the phase after it (once the service is back), votes cast in that phase; the bot never restarted", "phase", "channel", "questions", "answered", "votes", "recorded", "recovered");
            foreach (var phase in phases.Where(p => p.Recovery))
            {
                var end = phaseStarts.Values.Where(t => t > phaseStarts[phase.Name]).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
                var from = phaseStarts[phase.Name] + ((end == DateTimeOffset.MaxValue ? phaseLength : end - phaseStarts[phase.Name]) / 2);
                foreach (var channel in new[] { ChannelDriver.Playground, ChannelDriver.Slack, ChannelDriver.Teams })
                {
                    var questions = driver.Tracked.Where(q => q.Phase == phase.Name && q.Channel == channel && q.SentAt >= from).ToList();
                    var answered = questions.Count(q => driver.Fate(q).Answers > 0);
                    var votes = driver.Tracked.Where(q => q.VotePhase == phase.Name && q.Channel == channel && q.Vote is not null).ToList();
                    var recorded = votes.Count(q => driver.VoteResult(q) == "recorded");
                    recovery.Add(phase.Name, channel, questions.Count, answered, votes.Count, recorded, questions.Count > 0 && answered == questions.Count && recorded == votes.Count);
                }
            }

            report.Note($"Bot pid {pid} throughout (never restarted). Services: real redis-server and PostgreSQL (feedback store) on loopback; LLM: the tool's OpenAI-compatible stand-in. " +
                "'lost' = accepted and never answered nor told anything; 'notice only' = the user got an apology instead of an answer. " +
                "Questions count in the phase they were sent in; Slack and Teams answer from a queue, so one sent late in a phase may be answered in the next.");
            report.Print(run.Json);
            return 0;
        });
        return command;
    }

    private static Task Switch(LlmStandIn llm, LlmMode mode)
    {
        llm.Mode = mode;
        return Task.CompletedTask;
    }
}
