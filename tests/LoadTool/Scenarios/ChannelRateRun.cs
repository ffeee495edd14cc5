using Assistant.LoadTool.Channels;
using Assistant.LoadTool.Fakes;
using Assistant.LoadTool.Running;

namespace Assistant.LoadTool.Scenarios;

/// <summary>
/// The body of the <c>slack</c> and <c>teams</c> scenarios: questions on one channel at a fixed rate through the fakes,
/// a share of them redelivered by the channel a second later, then the acknowledgements and the answers counted.
/// </summary>
internal static class ChannelRateRun
{
    /// <summary>How long answers still in the bot's queue are waited for once sending stops.</summary>
    public static readonly TimeSpan Drain = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string channel, double rate, int seconds, double retryShare, RunSettings run, CancellationToken cancellationToken)
    {
        var report = new Report(channel);
        await using var fakes = await FakeServer.StartAsync().ConfigureAwait(false);
        var bot = await run.StartBotAsync(fakes.BotSettings(withLlm: false), cancellationToken).ConfigureAwait(false);
        var driver = new ChannelDriver(bot.BaseUrl, fakes);
        try
        {
            Progress.Say($"{channel}: {rate}/s for {seconds} s, {retryShare:P0} redelivered");
            var retryEvery = retryShare > 0 ? (int)Math.Round(1 / retryShare) : 0;
            var skipped = await Pace.AtRateAsync(rate, TimeSpan.FromSeconds(seconds), async n =>
            {
                var question = await driver.AskAsync(channel, n).ConfigureAwait(false);
                if (retryEvery > 0 && n % retryEvery == retryEvery - 1)
                {
                    await Task.Delay(1000, CancellationToken.None).ConfigureAwait(false);
                    await driver.RetryAsync(question).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
            Progress.Say("sending done; waiting for the answers still queued");
            var drained = await driver.DrainAsync(Drain).ConfigureAwait(false);
            Tabulate(report, channel, driver, rate, seconds, skipped, drained);
        }
        finally
        {
            await run.StopBotAsync(bot).ConfigureAwait(false);
        }

        report.Print(run.Json);
        return 0;
    }

    private static void Tabulate(Report report, string channel, ChannelDriver driver, double rate, int seconds, int skipped, bool drained)
    {
        var questions = driver.Tracked;
        var fates = questions.Select(driver.Fate).ToList();
        var acks = new LatencySamples();
        var statuses = new StatusCounts();
        foreach (var question in questions)
        {
            acks.Add(question.Ack!.Milliseconds);
            statuses.Add(question.Ack.Status);
        }

        var answerLatency = new LatencySamples();
        foreach (var fate in fates.Where(f => f.Latency is not null))
        {
            answerLatency.Add(fate.Latency!.Value.TotalMilliseconds);
        }

        var retried = questions.Where(q => q.Retry is not null).ToList();
        var retryStatuses = new StatusCounts();
        foreach (var question in retried)
        {
            retryStatuses.Add(question.Retry!.Status);
        }

        var what = channel == ChannelDriver.Slack ? "signed app_mention events" : "message activities with channel tokens";
        var acksTable = report.Table($"{channel}: {what}, {rate}/s for {seconds} s: acknowledgement of each request", "sent", "statuses", "ack p50 ms", "ack p95 ms", "ack max ms", "acks ≥ 3 s", "all acks < 3 s", "skipped (500 in flight)");
        acksTable.Add(questions.Count, statuses.ToString(), acks.Percentile(50), acks.Percentile(95), acks.Max(), questions.Count(q => q.Ack!.Milliseconds >= 3000), questions.All(q => q.Ack!.Milliseconds < 3000), skipped);

        var answers = report.Table($"{channel}: answers through the fake {(channel == ChannelDriver.Slack ? "Web API (placeholder, then chat.update)" : "connector")}", "questions", "answered once", "notice only", "answered twice", "lost", "to answer p50 ms", "to answer p95 ms", "drained");
        answers.Add(questions.Count, fates.Count(f => f.Answers + f.Notices == 1 && f.Answers == 1), fates.Count(f => f.Answers == 0 && f.Notices > 0), fates.Count(f => f.Twice), fates.Count(f => !f.Delivered), answerLatency.Percentile(50), answerLatency.Percentile(95), drained);

        var retries = report.Table($"{channel}: redeliveries (same {(channel == ChannelDriver.Slack ? "event_id" : "activity id")}, 1 s after the first)", "redelivered", "statuses", "of those answered twice");
        retries.Add(retried.Count, retryStatuses.ToString(), retried.Count(q => driver.Fate(q).Twice));
    }
}
