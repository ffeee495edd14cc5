using System.Collections.Concurrent;
using System.Globalization;
using Assistant.LoadTool.Fakes;
using Assistant.LoadTool.Running;

namespace Assistant.LoadTool.Channels;

/// <summary>
/// Sends questions on the three channels (playground, Slack, Teams), votes on the answers, and tells afterwards per
/// phase and channel what was sent, answered, lost or answered twice, and how the votes fared.
/// </summary>
internal sealed class ChannelDriver(string botUrl, FakeServer fakes)
{
    public const string Playground = "playground";
    public const string Slack = "slack";
    public const string Teams = "teams";

    private static readonly string Run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private readonly ConcurrentQueue<TrackedQuestion> _questions = new();
    private readonly PlaygroundClient _playground = new(botUrl);
    private readonly SlackClient _slack = new(botUrl);
    private readonly TeamsClient _teams = new(botUrl, fakes.Teams);
    private int _ts;

    /// <summary>The phase newly sent questions and votes are counted under.</summary>
    public string Phase { get; set; } = "load";

    /// <summary>True to vote 👍 on every answer as soon as it is seen.</summary>
    public bool Vote { get; init; }

    public IReadOnlyList<TrackedQuestion> Tracked => [.. _questions];

    /// <summary>Clients for another bot process (after a restart on another port), tracking into the same lists.</summary>
    public ChannelDriver WithBot(string url)
    {
        var driver = new ChannelDriver(url, fakes) { Vote = Vote, Phase = Phase };
        foreach (var question in _questions)
        {
            driver._questions.Enqueue(question);
        }

        return driver;
    }

    /// <summary>
    /// Asks question <paramref name="n"/> on <paramref name="channel"/>, by one of 40 users unless <paramref name="user"/>
    /// is given, in a conversation of its own (a few for the playground and Teams) unless <paramref name="conversation"/> is.
    /// </summary>
    public async Task<TrackedQuestion> AskAsync(string channel, int n, string? user = null, string? conversation = null)
    {
        user ??= $"U{channel[0]}{n % 40:D3}";
        var text = Running.Questions.Pick(n);
        TrackedQuestion question;
        switch (channel)
        {
            case Playground:
            {
                question = Track(channel, n.ToString(CultureInfo.InvariantCulture), conversation ?? $"pg-{Run}-{n % 200}", user, text);
                question.Ack = await _playground.AskAsync(question.Conversation, user, text).ConfigureAwait(false);
                question.AnswerId = question.Ack.AnswerId;
                if (Vote && question.AnswerId is not null)
                {
                    question.VotePhase = Phase;
                    question.Vote = await _playground.VoteAsync(question.AnswerId, question.Conversation, user).ConfigureAwait(false);
                }

                break;
            }

            case Slack:
            {
                var ts = string.Create(CultureInfo.InvariantCulture, $"1800000000.{Interlocked.Increment(ref _ts):D6}");
                question = Track(channel, $"Ev{Run}{Interlocked.Increment(ref _ts):D6}", conversation ?? $"C{Run}{n:D6}", user, text, ts);
                question.Ack = await _slack.MentionAsync(question.Id, question.Conversation, user, ts, text).ConfigureAwait(false);
                break;
            }

            case Teams:
            {
                question = Track(channel, $"act-{Run}-{Interlocked.Increment(ref _ts):D6}", conversation ?? $"a:loadtool-{Run}-{n % 25}", user, text);
                question.Ack = await _teams.MessageAsync(question.Id, question.Conversation, user, text).ConfigureAwait(false);
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(channel), channel, "not a channel");
        }

        return question;
    }

    /// <summary>Sends the question again as the channel would redeliver it (same Slack event id, same Teams activity id).</summary>
    public async Task RetryAsync(TrackedQuestion question)
    {
        question.Retry = question.Channel switch
        {
            Slack => await _slack.MentionAsync(question.Id, question.Conversation, question.User, question.Ts, question.Text, retry: 1).ConfigureAwait(false),
            Teams => await _teams.MessageAsync(question.Id, question.Conversation, question.User, question.Text).ConfigureAwait(false),
            _ => throw new InvalidOperationException("The playground has no channel retries."),
        };
    }

    /// <summary>Votes on every Slack and Teams answer that has arrived and has no vote yet.</summary>
    public async Task VoteOnNewAnswersAsync()
    {
        foreach (var question in _questions.Where(q => q.Channel != Playground && q.Vote is null))
        {
            var fate = Fate(question);
            if (fate.AnswerId is null)
            {
                continue;
            }

            question.VotePhase = Phase;
            if (question.Channel == Slack)
            {
                var thread = fakes.Slack.Thread(question.Conversation, question.Ts);
                question.Vote = await _slack.VoteAsync(question.Conversation, question.User, question.Ts, thread.PlaceholderTs ?? question.Ts, fate.AnswerId).ConfigureAwait(false);
            }
            else
            {
                var replies = fakes.Teams.RepliesTo(question.Id);
                question.Vote = await _teams.VoteAsync(question.Conversation, question.User, replies.ReplyActivityId ?? question.Id, fate.AnswerId).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <see cref="VoteOnNewAnswersAsync"/> every half second until <paramref name="cancellationToken"/> fires.</summary>
    public async Task VoteContinuouslyAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await VoteOnNewAnswersAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public QuestionFate Fate(TrackedQuestion question)
    {
        var accepted = question.Ack?.Accepted == true || question.Retry?.Accepted == true;
        switch (question.Channel)
        {
            case Playground:
                return new QuestionFate(accepted, question.AnswerId is null ? 0 : 1, 0, question.AnswerId, accepted ? TimeSpan.FromMilliseconds(question.Ack!.Milliseconds) : null);
            case Slack:
            {
                var thread = fakes.Slack.Thread(question.Conversation, question.Ts);
                lock (thread)
                {
                    // Two placeholders are a second answer in the making even if it never got its update.
                    var extra = Math.Max(0, thread.Placeholders - Math.Max(1, thread.Answers + thread.Notices));
                    return new QuestionFate(accepted, thread.Answers + extra, thread.Notices, thread.AnswerId, thread.AnsweredAt - question.SentAt);
                }
            }

            default:
            {
                var replies = fakes.Teams.RepliesTo(question.Id);
                lock (replies)
                {
                    return new QuestionFate(accepted, replies.Answers, replies.Notes, replies.AnswerId, replies.AnsweredAt - question.SentAt);
                }
            }
        }
    }

    /// <summary>"recorded", "refused 503 Feedback store unavailable", "refused: notice …", "no reply", or null with no vote.</summary>
    public string? VoteResult(TrackedQuestion question)
    {
        if (question.Vote is not { } vote)
        {
            return null;
        }

        switch (question.Channel)
        {
            case Playground:
                return vote.Status == "204" ? "recorded" : $"refused {vote.Status} {vote.Detail}".TrimEnd();
            case Teams:
                return vote.Status == "200" && vote.Detail == "200" ? "recorded" : $"refused {vote.Status}/{vote.Detail ?? "-"}";
            default:
            {
                var thread = fakes.Slack.Thread(question.Conversation, question.Ts);
                if (Volatile.Read(ref thread.VoteThanks) > 0)
                {
                    return "recorded";
                }

                if (!vote.Accepted)
                {
                    return $"refused {vote.Status}";
                }

                var notice = fakes.Slack.Ephemerals(question.Conversation, question.User).FirstOrDefault();
                return notice is null ? "no reply" : "refused: notice \"" + (notice.Length > 50 ? notice[..50] + "…" : notice) + "\"";
            }
        }
    }

    /// <summary>Waits until every accepted Slack/Teams question has an answer or notice, or <paramref name="timeout"/> passes.</summary>
    public Task<bool> DrainAsync(TimeSpan timeout) =>
        Pace.UntilAsync(() => _questions.Where(q => q.Channel != Playground).All(q => !Fate(q).Lost), timeout);

    /// <summary>One row per phase and channel, in the order they first appear.</summary>
    public void Tabulate(ReportTable table)
    {
        var questions = Tracked;
        foreach (var group in questions.GroupBy(q => (q.Phase, q.Channel)))
        {
            var fates = group.Select(Fate).ToList();
            var votes = questions.Where(q => q.VotePhase == group.Key.Phase && q.Channel == group.Key.Channel && q.Vote is not null).Select(VoteResult).ToList();
            var refused = votes.Where(v => v != "recorded").GroupBy(v => v).Select(g => $"{g.Count()}× {g.Key}");
            var latencies = new LatencySamples();
            foreach (var fate in fates.Where(f => f.Latency is not null))
            {
                latencies.Add(fate.Latency!.Value.TotalMilliseconds);
            }

            table.Add(
                group.Key.Phase,
                group.Key.Channel,
                fates.Count,
                fates.Count(f => f.Accepted),
                fates.Count(f => f.Answers > 0),
                fates.Count(f => f.Answers == 0 && f.Notices > 0),
                fates.Count(f => f.Lost),
                fates.Count(f => f.Twice),
                AckStatuses(group),
                latencies.Percentile(95),
                votes.Count,
                votes.Count(v => v == "recorded"),
                string.Join("; ", refused) is { Length: > 0 } r ? r : "-");
        }
    }

    public static readonly string[] Columns =
        ["phase", "channel", "sent", "accepted", "answered", "notice only", "lost", "twice", "statuses", "p95 to answer ms", "votes", "recorded", "votes refused"];

    private static string AckStatuses(IEnumerable<TrackedQuestion> questions)
    {
        var counts = new StatusCounts();
        foreach (var question in questions)
        {
            counts.Add(question.Ack?.Status ?? "unsent");
        }

        return counts.ToString();
    }

    private TrackedQuestion Track(string channel, string id, string conversation, string user, string text, string ts = "")
    {
        var question = new TrackedQuestion { Channel = channel, Phase = Phase, Id = id, Conversation = conversation, User = user, Text = text, Ts = ts };
        _questions.Enqueue(question);
        return question;
    }
}
