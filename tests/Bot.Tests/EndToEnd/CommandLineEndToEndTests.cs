using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>The built command line run as its own process over the fixture knowledge base, with a temp index.</summary>
public sealed partial class CommandLineEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly TempFolder _workingDirectory = new();

    private string IndexPath => Path.Combine(_workingDirectory.Path, "index");

    [Fact]
    public async Task AskJsonPrintsTheSameJsonShapeAsTheChatEndpoint()
    {
        var run = await RunAsync("ask", "Who can take a sabbatical?", "--json");

        Assert.True(run.ExitCode == 0, $"ask failed (exit {run.ExitCode}):\n{run.StandardOutput}\n{run.StandardError}");
        using var json = JsonDocument.Parse(run.StandardOutput);
        var root = json.RootElement;
        Assert.Equal(
            ["answerId", "text", "citations", "routes", "standaloneQuestion", "kind", "card", "tables", "suggestions"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("answerId").GetString()));
        var text = root.GetProperty("text").GetString()!;
        Assert.Contains("five years of continuous service", text, StringComparison.Ordinal);
        Assert.Contains("[1]", text, StringComparison.Ordinal);
        var citation = root.GetProperty("citations")[0];
        Assert.Equal(["n", "title", "url", "snippet", "feedback"], citation.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal((1, "Sabbatical leave", "people/sabbatical.md"), (citation.GetProperty("n").GetInt32(), citation.GetProperty("title").GetString(), citation.GetProperty("url").GetString()));
        var routes = root.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("vector", routes);
        Assert.Contains("keyword", routes);
        Assert.Equal("AdaptiveCard", root.GetProperty("card").GetProperty("type").GetString());
    }

    [Fact]
    public async Task IngestPrintsASummaryAndASecondIngestOfTheSameFolderEmbedsNothing()
    {
        var first = await RunAsync("ingest", RealEngineApp.KnowledgeBase);
        var second = await RunAsync("ingest", RealEngineApp.KnowledgeBase);

        var documents = Directory.GetFiles(RealEngineApp.KnowledgeBase, "*", SearchOption.AllDirectories).Length;
        var firstSummary = Summary(first);
        Assert.Equal((documents, 0, 0, 0), (firstSummary.Added, firstSummary.Updated, firstSummary.Unchanged, firstSummary.Removed));
        Assert.True(firstSummary.Embedded > 0, first.StandardOutput);
        var secondSummary = Summary(second);
        Assert.Equal((0, 0, documents, 0, 0), (secondSummary.Added, secondSummary.Updated, secondSummary.Unchanged, secondSummary.Removed, secondSummary.Embedded));
    }

    public void Dispose() => _workingDirectory.Dispose();

    private Task<BotProcess.Result> RunAsync(params string[] arguments) => BotProcess.RunAsync(
        arguments,
        _workingDirectory.Path,
        new Dictionary<string, string>
        {
            ["Rag__IndexPath"] = IndexPath,
            ["Rag__SamplesPath"] = RealEngineApp.KnowledgeBase,
            ["NO_COLOR"] = "1",
        },
        Timeout);

    private static (int Added, int Updated, int Unchanged, int Removed, int Embedded) Summary(BotProcess.Result run)
    {
        Assert.True(run.ExitCode == 0, $"ingest failed (exit {run.ExitCode}):\n{run.StandardOutput}\n{run.StandardError}");

        // Spectre.Console wraps at the terminal width, so read the summary with line breaks as spaces.
        var text = Regex.Replace(run.StandardOutput, @"\s+", " ");
        var match = SummaryPattern().Match(text);
        Assert.True(match.Success, $"No ingest summary in:\n{run.StandardOutput}");
        int Number(string group) => int.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (Number("added"), Number("updated"), Number("unchanged"), Number("removed"), Number("embedded"));
    }

    [GeneratedRegex(@"(?<added>\d+) added, (?<updated>\d+) updated, (?<unchanged>\d+) unchanged, (?<removed>\d+) removed; \d+ chunks written, (?<embedded>\d+) embedded")]
    private static partial Regex SummaryPattern();
}
