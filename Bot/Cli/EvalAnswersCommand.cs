using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assistant.Bot.Channels;
using Assistant.Rag;
using Assistant.Rag.Evaluation;
using Spectre.Console;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>eval-answers &lt;file.jsonl&gt; [--json]</c>: answer quality of the engine over the configured index (the sample
/// knowledge base by default, as <c>ask</c> uses it). Each line is
/// <c>{"question", "must_include": [...], "expect_doc": path|null, "kind", "lang"}</c>; each question is asked as a
/// fresh conversation and scored by <see cref="AnswerScoring"/>: right / wrong / declined for answerable questions,
/// the declined rate for unanswerable ones, per language and per kind, and the engine's turn time.
/// </summary>
internal static class EvalAnswersCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "JSON lines: question, must_include, expect_doc (null when unanswerable), kind, lang." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on standard output." };
        var verbose = new Option<bool>("--verbose") { Description = "Also print each question's verdict and answer on standard error." };
        var command = new Command("eval-answers", "Measure answer quality (right / wrong / declined) and turn time on a question set.") { file, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            List<SetQuestion> questions;
            try
            {
                questions = await ReadAsync(parse.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(questions, parse.GetValue(json), parse.GetValue(verbose), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(List<SetQuestion> questions, bool json, bool verbose, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
        await CliHost.OpenIndexAsync(host, cancellationToken).ConfigureAwait(false);
        var engine = host.Services.GetRequiredService<IAssistant>();

        // One question first, unscored and untimed, so the first timed turn does not pay for loading the model and the index.
        await engine.AnswerAsync(NewTurn(questions[0].Question), cancellationToken).ConfigureAwait(false);
        var board = new AnswerScoreboard();
        foreach (var question in questions)
        {
            var started = Stopwatch.GetTimestamp();
            var answer = await engine.AnswerAsync(NewTurn(question.Question), cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var verdict = AnswerScoring.Judge(answer, question.Expectation);
            board.Add(question.Expectation, verdict, elapsed);
            if (verbose)
            {
                var mark = verdict == AnswerVerdict.Right ? "ok " : verdict == AnswerVerdict.Declined ? "dec" : "BAD";
                await Console.Error.WriteLineAsync($"{mark} [{question.Expectation.Kind}/{question.Expectation.Lang}] {question.Question}\n    → {answer.Text.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            }
        }

        await host.StopAsync(cancellationToken).ConfigureAwait(false);
        if (json)
        {
            var report = new
            {
                questions = questions.Count,
                total = Row(board.Total),
                byLanguage = board.ByLanguage.ToDictionary(p => p.Key, p => Row(p.Value)),
                byKind = board.ByKind.ToDictionary(p => p.Key, p => Row(p.Value)),
                p50Ms = Math.Round(board.P50Ms, 2),
                p95Ms = Math.Round(board.P95Ms, 2),
            };
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, Json)).ConfigureAwait(false);
            return 0;
        }

        // Wide enough for the table when standard output is not a terminal (the default width then is 80).
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Profile.Width = Math.Max(console.Profile.Width, 110);
        var table = new Table().Title($"{questions.Count} questions · turn p50 {Ms(board.P50Ms)} ms, p95 {Ms(board.P95Ms)} ms")
            .AddColumns("", "answerable", "right", "wrong", "declined", "unanswerable", "declined");
        AddRow(table, "all", board.Total);
        foreach (var (language, tally) in board.ByLanguage)
        {
            AddRow(table, $"lang {language}", tally);
        }

        foreach (var (kind, tally) in board.ByKind)
        {
            AddRow(table, kind, tally);
        }

        console.Write(table);
        return 0;
    }

    private static Turn NewTurn(string question) =>
        new(ChannelNames.CommandLine, Guid.NewGuid().ToString("N"), Environment.UserName, question);

    private static void AddRow(Table table, string name, AnswerTally t) => table.AddRow(
        name,
        t.Answerable.ToString(CultureInfo.InvariantCulture),
        Share(t.Right, t.RightRate),
        Share(t.Wrong, t.WrongRate),
        Share(t.Declined, t.Answerable == 0 ? 0 : (double)t.Declined / t.Answerable),
        t.Unanswerable.ToString(CultureInfo.InvariantCulture),
        Share(t.UnanswerableDeclined, t.DeclinedUnanswerableRate));

    private static object Row(AnswerTally t) => new
    {
        answerable = t.Answerable,
        right = t.Right,
        wrong = t.Wrong,
        declined = t.Declined,
        rightRate = Math.Round(t.RightRate, 4),
        wrongRate = Math.Round(t.WrongRate, 4),
        unanswerable = t.Unanswerable,
        unanswerableDeclined = t.UnanswerableDeclined,
        declinedUnanswerableRate = Math.Round(t.DeclinedUnanswerableRate, 4),
    };

    private static string Share(int count, double rate) => $"{count} ({rate.ToString("P0", CultureInfo.InvariantCulture)})";

    private static string Ms(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);

    private static Task<List<SetQuestion>> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var questions = new List<SetQuestion>();
        foreach (var (number, parsed) in JsonLinesFile.Read<SetLine>(file, Json, "object"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (parsed is null || string.IsNullOrWhiteSpace(parsed.Question))
            {
                throw new InvalidDataException($"{file.Name} line {number}: \"question\" is missing.");
            }

            var facts = parsed.MustInclude ?? [];
            if (parsed.ExpectDoc is not null && facts.Count == 0)
            {
                throw new InvalidDataException($"{file.Name} line {number}: an answerable question (expect_doc set) needs at least one \"must_include\" fact.");
            }

            questions.Add(new SetQuestion(parsed.Question, new AnswerExpectation(facts, parsed.ExpectDoc, parsed.Kind ?? "unspecified", parsed.Lang ?? "und")));
        }

        return Task.FromResult(questions.Count > 0 ? questions : throw new InvalidDataException($"{file.Name} holds no questions."));
    }

    private sealed record SetQuestion(string Question, AnswerExpectation Expectation);

    private sealed record SetLine(
        [property: JsonPropertyName("question")] string? Question,
        [property: JsonPropertyName("must_include")] IReadOnlyList<string>? MustInclude,
        [property: JsonPropertyName("expect_doc")] string? ExpectDoc,
        [property: JsonPropertyName("kind")] string? Kind,
        [property: JsonPropertyName("lang")] string? Lang);
}
