using System.Text.RegularExpressions;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>The playground page in headless Chromium against the real engine over the fixture knowledge base.</summary>
[Collection(RealEngineCollection.Name)]
public sealed partial class PlaygroundBrowserEndToEndTests(RealEngineFixture fixture)
{
    [Fact]
    public async Task APersonCanAskAFixtureQuestionReadTheCitedAnswerVoteAndFollowUpInARealBrowser()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} is missing: run ./test.sh (or bash tests/install-test-deps.sh) to apt-get install chromium.");
        var screenshot = Path.Combine(Path.GetTempPath(), $"playground-e2e-{Guid.NewGuid():N}.png");

        try
        {
            var run = await NodeScript.RunAsync("browser", "playground-smoke.mjs", [fixture.Address + "/", screenshot, "What should I do if I lose my access badge?", "How much does it cost?"], null, TimeSpan.FromMinutes(2));

            Assert.True(run.ExitCode == 0, $"The browser run failed (exit {run.ExitCode}):\n{run.StandardOutput}\n{run.StandardError}");
            var answerId = AnswerIdLine().Match(run.StandardOutput).Groups[1].Value;
            var vote = Assert.Single(await fixture.App.Services.GetRequiredService<IFeedbackStore>().GetVotesAsync(answerId));
            Assert.Equal((VoteValue.Up, "playground"), (vote.Value, vote.Channel));
            Assert.True(new FileInfo(screenshot).Length > 10_000, "The screenshot is missing or empty.");
            Assert.Contains("searched-for: How much does access badge cost?", run.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("cited: it/badge-replacement.md", run.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(screenshot);
        }
    }

    [GeneratedRegex(@"^answer-id: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex AnswerIdLine();
}
