using System.Net;
using System.Text.RegularExpressions;
using Assistant.Bot.Tests.EndToEnd;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Assistant.Rag.Memory;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.Teams;

/// <summary>
/// Microsoft's own Teams client for local development, the Microsoft 365 Agents Playground, driven in headless
/// Chromium against the real bot (MiniLM, Lucene, SQLite over the fixture knowledge base) in Teams local mode.
/// </summary>
public sealed partial class TeamsAgentsPlaygroundBrowserTests : IAsyncLifetime
{
    /// <summary>The aadObjectId the Playground gives its user, Alex Wilber.</summary>
    private const string PlaygroundUserAadId = "00000000-0000-0000-0000-0000000000020";

    /// <summary>The tenant id the Playground sends in channelData.</summary>
    private const string PlaygroundTenantId = "00000000-0000-0000-0000-0000000000001";

    private readonly TempFolder _index = new();
    private RealEngineApp _app = null!;
    private string _botAddress = string.Empty;

    public async Task InitializeAsync()
    {
        _app = new RealEngineApp(_index.Path, new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Teams:AppId"] = string.Empty,
            ["Teams:AllowLocalEmulator"] = "true",
        });
        _app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        _botAddress = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        (await _app.CreateReadyClientAsync()).Dispose();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _index.Dispose();
    }

    [Fact]
    public async Task InTheAgentsPlaygroundAPersonGetsTheWelcomeACitedAnswerCardCanVoteAndFollowUp()
    {
        // Arrange
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} is missing: run ./test.sh (or bash tests/install-test-deps.sh) to apt-get install chromium.");
        var screenshot = Path.Combine(Path.GetTempPath(), $"agents-playground-{Guid.NewGuid():N}.png");
        var conversationId = $"playground-{Guid.NewGuid():N}";
        await using var playground = await AgentsPlaygroundProcess.StartAsync(_botAddress + "/api/messages", conversationId, TimeSpan.FromMinutes(1));

        try
        {
            // Act
            var run = await TestSupport.NodeScript.RunAsync(
                "browser",
                "agents-playground-smoke.mjs",
                [playground.PageUrl, screenshot, "What should I do if I lose my access badge?", "How much does it cost?"],
                null,
                TimeSpan.FromMinutes(5));

            // Assert
            Assert.True(run.ExitCode == 0, $"The browser run failed (exit {run.ExitCode}):\n{run.StandardOutput}\n{run.StandardError}\nPlayground:\n{playground.Output}");
            var output = Lines(run.StandardOutput);
            Assert.Contains("access badge", output["answer-text"], StringComparison.OrdinalIgnoreCase);
            Assert.Contains("[1] Replacing a lost access badge", output["answer-card"], StringComparison.Ordinal);
            Assert.Contains("it/badge-replacement.md", output["answer-card"], StringComparison.Ordinal);

            var vote = Assert.Single(await _app.Services.GetRequiredService<IFeedbackStore>().GetVotesAsync(output["answer-id"]));
            Assert.Equal((VoteValue.Up, "teams", PlaygroundUserAadId), (vote.Value, vote.Channel, vote.UserId));

            // "it" is the badge: the follow-up was searched as a question about the badge and answered from its document.
            var memory = _app.Services.GetRequiredService<IConversationMemory>();
            var prefix = _app.Services.GetRequiredService<IOptions<MemoryOptions>>().Value.KeyPrefix;
            var key = ConversationKey.For(new Turn("teams", conversationId, PlaygroundUserAadId, string.Empty, TenantId: PlaygroundTenantId), prefix);
            var last = (await memory.LoadAsync(key)).Last;
            Assert.NotNull(last);
            Assert.Equal("How much does it cost?", last.Question);
            Assert.Contains("badge", last.StandaloneQuestion, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("badge", output["follow-up-text"], StringComparison.OrdinalIgnoreCase);
            Assert.Contains("it/badge-replacement.md", output["follow-up-card"], StringComparison.Ordinal);
            Assert.True(new FileInfo(screenshot).Length > 10_000, "The screenshot is missing or empty.");
        }
        finally
        {
            File.Delete(screenshot);
        }
    }

    private static Dictionary<string, string> Lines(string output) =>
        OutputLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.TrimEnd('\r'), StringComparer.Ordinal);

    [GeneratedRegex(@"^([a-z-]+): (.*)$", RegexOptions.Multiline)]
    private static partial Regex OutputLine();
}
