using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Microsoft.Data.Sqlite;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary><c>feedback reset</c> run as a user would, against a store with votes in it.</summary>
public sealed class FeedbackCommandEndToEndTests : IDisposable
{
    private readonly TempFolder _index = new();

    [Fact]
    public async Task FeedbackResetMakesLearningForgetTheVotesButKeepsThemStored()
    {
        var path = Path.Combine(_index.Path, "feedback.db");
        var store = new SqliteFeedbackStore(path);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await store.RecordAnswerAsync(new Turn("teams", "c", "u", "q"), new Answer("a1", "Yes [1].", [new Citation(1, "T", "u", "s", "d", "d#0.0", ["d#0.0"])], [], "q", AnswerKind.Extractive, now));
        await store.RecordVoteAsync(new Vote("a1", "voter", "teams", "c", VoteValue.Up, now));
        SqliteConnection.ClearAllPools();

        var run = await BotProcess.RunAsync(["feedback", "reset"], _index.Path, new Dictionary<string, string> { ["Rag__IndexPath"] = _index.Path }, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("1 stored vote(s)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(await store.LoadVotedAnswersAsync());
        Assert.Single(await store.GetVotesAsync("a1"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _index.Dispose();
    }
}
