using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assistant.Bot.Channels;
using Assistant.Rag;
using Assistant.Rag.Evaluation;
using Assistant.Rag.Generation;
using Spectre.Console;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>eval-dialogues &lt;file.jsonl&gt; [--json]</c>: plays each dialogue of the file as one fresh conversation through
/// the real engine (the index <c>ask</c> uses, seeded with the samples when empty) and scores the answer to its last
/// turn with <see cref="AnswerScoring"/>. Besides right / wrong / declined per kind and language it reports what the
/// rewrite alone decides: how often the last answer cites the expected document, and how many self-contained last
/// turns were searched exactly as typed.
/// </summary>
internal static class EvalDialoguesCommand
{
    private const string SelfContainedKind = "self-contained";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "JSON lines: {\"turns\": [...], \"must_include\": [...], \"expect_doc\", \"kind\", \"lang\"}." };
        var json = new Option<bool>("--json") { Description = "Print the results (totals, per kind and language, and every dialogue) as JSON on standard output." };
        var command = new Command("eval-dialogues", "Score the answers to the last turns of multi-turn dialogues (follow-up rewriting end to end).") { file, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<Dialogue> dialogues;
            try
            {
                dialogues = Load(parse.GetValue(file)!);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(dialogues, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Reads and checks the dialogue file; a bad line is reported with its number.</summary>
    /// <exception cref="InvalidDataException">A line is not a dialogue.</exception>
    internal static IReadOnlyList<Dialogue> Load(FileInfo file)
    {
        var dialogues = new List<Dialogue>();
        foreach (var (number, dialogue) in JsonLinesFile.Read<Dialogue>(file, Json, "dialogue"))
        {
            var problem = dialogue switch
            {
                null => "empty",
                { Turns: null or { Count: 0 } } => "\"turns\" must hold at least one question",
                { Turns: var turns } when turns.Any(string.IsNullOrWhiteSpace) => "a turn is empty",
                { MustInclude: null } => "\"must_include\" is missing",
                { Kind: null or "" } => "\"kind\" is missing",
                { Lang: null or "" } => "\"lang\" is missing",
                { ExpectDoc: not null, MustInclude.Count: 0 } => "an answerable dialogue needs at least one \"must_include\" fact",
                _ => null,
            };
            if (problem is not null)
            {
                throw new InvalidDataException($"{file.Name} line {number}: {problem}.");
            }

            dialogues.Add(dialogue!);
        }

        return dialogues.Count > 0 ? dialogues : throw new InvalidDataException($"The dialogue file '{file.FullName}' holds no dialogues.");
    }

    private static async Task<int> RunAsync(IReadOnlyList<Dialogue> dialogues, bool json, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
        await CliHost.OpenIndexAsync(host, cancellationToken).ConfigureAwait(false);
        var engine = host.Services.GetRequiredService<IAssistant>();
        var scoreboard = new AnswerScoreboard();
        var played = new List<Played>();
        foreach (var dialogue in dialogues)
        {
            // A fresh conversation per dialogue: nothing of one dialogue may become history of the next.
            var conversation = "eval-dialogues-" + Guid.NewGuid().ToString("N");
            Answer? last = null;
            var elapsed = 0.0;
            foreach (var text in dialogue.Turns)
            {
                var started = Stopwatch.GetTimestamp();
                last = await engine.AnswerAsync(new Turn(ChannelNames.CommandLine, conversation, Environment.UserName, text), cancellationToken).ConfigureAwait(false);
                elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            var expectation = dialogue.Expectation;
            var verdict = AnswerScoring.Judge(last!, expectation);
            scoreboard.Add(expectation, verdict, elapsed);
            played.Add(new Played(dialogue, last!, verdict));
        }

        await host.StopAsync(cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(Report(scoreboard, played), Json)).ConfigureAwait(false);
        }
        else
        {
            Write(scoreboard, played);
        }

        return 0;
    }

    private static object Report(AnswerScoreboard scoreboard, List<Played> played) => new
    {
        dialogues = played.Count,
        total = Tally(scoreboard.Total),
        byKind = scoreboard.ByKind.ToDictionary(p => p.Key, p => Tally(p.Value)),
        byLanguage = scoreboard.ByLanguage.ToDictionary(p => p.Key, p => Tally(p.Value)),
        rewrite = Rewrite(played),
        p50Ms = Math.Round(scoreboard.P50Ms, 1),
        p95Ms = Math.Round(scoreboard.P95Ms, 1),
        items = played.Select(p => new
        {
            turns = p.Dialogue.Turns,
            kind = p.Dialogue.Kind,
            lang = p.Dialogue.Lang,
            standalone = p.Answer.StandaloneQuestion,
            verdict = p.Verdict.ToString().ToLowerInvariant(),
            citesExpected = p.CitesExpected,
            answer = p.Answer.Text,
        }),
    };

    private static object Tally(AnswerTally tally) => new
    {
        answerable = tally.Answerable,
        right = tally.Right,
        wrong = tally.Wrong,
        declined = tally.Declined,
        rightRate = Math.Round(tally.RightRate, 4),
        unanswerable = tally.Unanswerable,
        unanswerableDeclined = tally.UnanswerableDeclined,
    };

    private static object Rewrite(List<Played> played)
    {
        var selfContained = played.Where(p => p.Dialogue.Kind == SelfContainedKind).ToList();
        var answerable = played.Where(p => p.Dialogue.ExpectDoc is not null).ToList();
        return new
        {
            selfContained = selfContained.Count,
            selfContainedUnchanged = selfContained.Count(p => p.Unchanged),
            answerable = answerable.Count,
            citesExpectedDocument = answerable.Count(p => p.CitesExpected == true),
            citesExpectedByKind = answerable.GroupBy(p => p.Dialogue.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new { answerable = g.Count(), citesExpected = g.Count(p => p.CitesExpected == true) }),
        };
    }

    private static void Write(AnswerScoreboard scoreboard, List<Played> played)
    {
        var table = new Table().Title($"{played.Count} dialogues, last turn scored (p50 {F1(scoreboard.P50Ms)} ms, p95 {F1(scoreboard.P95Ms)} ms per last turn)")
            .AddColumns("", "answerable", "right", "wrong", "declined", "right %", "unanswerable declined");
        void Row(string name, AnswerTally t) => table.AddRow(
            Markup.Escape(name), I(t.Answerable), I(t.Right), I(t.Wrong), I(t.Declined), (t.RightRate * 100).ToString("F1", CultureInfo.InvariantCulture), $"{I(t.UnanswerableDeclined)}/{I(t.Unanswerable)}");
        Row("all", scoreboard.Total);
        foreach (var (kind, tally) in scoreboard.ByKind)
        {
            Row("kind: " + kind, tally);
        }

        foreach (var (lang, tally) in scoreboard.ByLanguage)
        {
            Row("lang: " + lang, tally);
        }

        AnsiConsole.Write(table);
        var selfContained = played.Where(p => p.Dialogue.Kind == SelfContainedKind).ToList();
        var answerable = played.Where(p => p.Dialogue.ExpectDoc is not null).ToList();
        AnsiConsole.WriteLine($"Self-contained last turns left unchanged: {selfContained.Count(p => p.Unchanged)}/{selfContained.Count}");
        AnsiConsole.WriteLine($"Last answers citing the expected document: {answerable.Count(p => p.CitesExpected == true)}/{answerable.Count}");
        foreach (var miss in played.Where(p => p.Verdict != AnswerVerdict.Right))
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{miss.Verdict.ToString().ToLowerInvariant()} ({miss.Dialogue.Kind}): {miss.Dialogue.Turns[^1]} → searched \"{miss.Answer.StandaloneQuestion}\"[/]");
        }
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F1(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>One line of a dialogue file.</summary>
    internal sealed record Dialogue(
        [property: JsonPropertyName("turns")] IReadOnlyList<string> Turns,
        [property: JsonPropertyName("must_include")] IReadOnlyList<string> MustInclude,
        [property: JsonPropertyName("expect_doc")] string? ExpectDoc,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("lang")] string Lang)
    {
        public AnswerExpectation Expectation => new(MustInclude, ExpectDoc, Kind, Lang);
    }

    private sealed record Played(Dialogue Dialogue, Answer Answer, AnswerVerdict Verdict)
    {
        public bool Unchanged => string.Equals(Answer.StandaloneQuestion, Dialogue.Turns[^1].Trim(), StringComparison.Ordinal);

        public bool? CitesExpected => Dialogue.ExpectDoc is { } doc ? AnswerScoring.Cites(Answer, doc) : null;
    }
}
