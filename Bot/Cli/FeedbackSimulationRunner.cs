using System.Globalization;
using Assistant.Rag.Evaluation;
using Assistant.Rag.Feedback;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Routing;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>eval --feedback-sim</c>: runs <see cref="FeedbackSimulation"/> over the evaluation index with the configured
/// feedback settings, in throw-away stores under the temp folder (deleted afterwards), never the product's store.
/// </summary>
internal static class FeedbackSimulationRunner
{
    public static async Task<FeedbackSimulationResult> RunAsync(IServiceProvider services, BeirDataset dataset, IReadOnlyList<(string Id, string Text)> queries, RetrievalOptions retrieval, double noise, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), $"assistant-feedback-sim-{Guid.NewGuid():N}");
        try
        {
            retrieval.CandidatesPerRoute = Math.Max(retrieval.CandidatesPerRoute, RetrievalEvaluator.Depth);
            var simulation = new FeedbackSimulation(
                learning => new HybridRetriever(
                    services.GetRequiredService<RouteFusion>(),
                    services.GetRequiredService<PassageAssembler>(),
                    services.GetRequiredService<IOptionsMonitor<RetrievalOptions>>(),
                    services.GetServices<IReranker>(),
                    learning),
                work,
                services.GetRequiredService<IOptionsMonitor<FeedbackOptions>>(),
                retrieval);
            var progress = new Progress<string>(line => console.MarkupLineInterpolated($"[grey]feedback simulation: {line}[/]"));
            return await simulation.RunAsync(dataset, queries, noise, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>The "feedback" object of the eval JSON.</summary>
    public static object ToJson(FeedbackSimulationResult result) => new Dictionary<string, object>
    {
        ["noise"] = result.Noise,
        ["votes"] = result.Votes,
        ["same"] = Group(result.Same),
        ["sameCeiling"] = Round(result.SameCeiling),
        ["reworded"] = Group(result.Reworded),
        ["unvoted"] = Group(result.Unvoted),
        ["spam"] = new Dictionary<string, object>
        {
            ["oneUserHundredVotes"] = new Dictionary<string, object>
            {
                ["pairs"] = result.Spam.RepeatPairs,
                ["rankBefore"] = Round(result.Spam.RankBefore),
                ["rankAfterOneVote"] = Round(result.Spam.RankAfterOneVote),
                ["rankAfterHundredVotes"] = Round(result.Spam.RankAfterHundredVotes),
                ["movedFurther"] = result.Spam.MovedFurther,
            },
            ["tenUsersOtherQueries"] = new Dictionary<string, object>
            {
                ["pairs"] = result.Spam.CrowdPairs,
                ["otherQueries"] = result.Spam.OtherQueries,
                ["keptInTop10"] = result.Spam.KeptInTop10,
                ["rankBefore"] = Round(result.Spam.OtherRankBefore),
                ["rankAfter"] = Round(result.Spam.OtherRankAfter),
            },
        },
    };

    /// <summary>The simulation as tables on the console.</summary>
    public static void Write(FeedbackSimulationResult result)
    {
        var table = new Table().Title($"Feedback simulation: {result.Votes} votes, {result.Noise:P0} noise (nDCG@10)").AddColumns("group", "queries", "before", "after", "change");
        foreach (var (name, group) in new[] { ("same", result.Same), ("reworded", result.Reworded), ("unvoted", result.Unvoted) })
        {
            table.AddRow(name, group.Queries.ToString(CultureInfo.InvariantCulture), F(group.Before), F(group.After), (group.After - group.Before).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ceiling for the same queries (every relevant cited document moved to the top): {result.SameCeiling:F3}."));
        var spam = result.Spam;
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"One user, 👎 on a relevant document: mean rank {spam.RankBefore:F2} before, {spam.RankAfterOneVote:F2} after one vote, {spam.RankAfterHundredVotes:F2} after a hundred ({spam.MovedFurther} of {spam.RepeatPairs} moved further)."));
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ten users, 👎 on a relevant document for one query: kept in the top 10 for {spam.KeptInTop10} of {spam.OtherQueries} other queries (mean rank {spam.OtherRankBefore:F2} → {spam.OtherRankAfter:F2})."));
    }

    private static Dictionary<string, object> Group(FeedbackGroupScore group) => new()
    {
        ["queries"] = group.Queries,
        ["before"] = Round(group.Before),
        ["after"] = Round(group.After),
    };

    private static double Round(double value) => Math.Round(value, 4);

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
