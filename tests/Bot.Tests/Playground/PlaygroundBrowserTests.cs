using System.Net;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Feedback;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Playground;

public sealed class PlaygroundBrowserTests
{
    /// <summary>Set to a path to keep the screenshot (docs/playground.png was made this way).</summary>
    private const string ScreenshotVariable = "BOT_TESTS_SCREENSHOT";

    [Fact]
    public async Task APersonCanAskReadTheCitedAnswerAndVoteInARealBrowser()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} is missing: run ./test.sh (or bash tests/install-test-deps.sh) to apt-get install chromium.");

        using var app = new PlaygroundAppFactory();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var screenshot = Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } keep
            ? Path.GetFullPath(keep, RepositoryPaths.Root)
            : Path.Combine(Path.GetTempPath(), $"playground-{Guid.NewGuid():N}.png");

        try
        {
            var run = await NodeScript.RunAsync("browser", "playground-smoke.mjs", [address + "/", screenshot], null, TimeSpan.FromMinutes(2));

            Assert.True(run.ExitCode == 0, $"The browser run failed (exit {run.ExitCode}):\n{run.StandardOutput}\n{run.StandardError}");
            var vote = Assert.Single(app.Feedback.Votes);
            Assert.Equal((VoteValue.Up, "playground"), (vote.Value, vote.Channel));
            Assert.True(app.Feedback.Answers.ContainsKey(vote.AnswerId));
            Assert.True(new FileInfo(screenshot).Length > 10_000, "The screenshot is missing or empty.");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable(ScreenshotVariable) is not { Length: > 0 })
            {
                File.Delete(screenshot);
            }
        }
    }
}
