using Assistant.Bot.Teams;
using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.Teams;

public sealed class TeamsReplyStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string DatabasePath => Path.Combine(_folder.Path, "index", "teams.db");

    [Fact]
    public async Task ASentAnswerIsFoundByItsActivityIdAfterARestart()
    {
        // Arrange
        var answer = Answers.Normal("ans-42");
        await new TeamsReplyStore(DatabasePath).SaveAsync("a:conv", "1700000000001", answer, Answers.At, CancellationToken.None);

        // Act: a new instance, as after a restart of the bot
        var reopened = new TeamsReplyStore(DatabasePath);
        var byActivity = await reopened.FindByActivityAsync("a:conv", "1700000000001", CancellationToken.None);
        var byAnswer = await reopened.FindByAnswerAsync("a:conv", "ans-42", CancellationToken.None);
        var activityId = await reopened.FindActivityIdAsync("a:conv", "ans-42", CancellationToken.None);

        // Assert
        Assert.Equal(answer.Text, byActivity!.Text);
        Assert.Equal(answer.Citations.Select(c => c.Url), byActivity.Citations.Select(c => c.Url));
        Assert.Equal("ans-42", byAnswer!.Id);
        Assert.Equal("1700000000001", activityId);
    }

    [Fact]
    public async Task AnActivityOfAnotherConversationIsNotFound()
    {
        // Arrange
        var store = new TeamsReplyStore(DatabasePath);
        await store.SaveAsync("a:conv", "1700000000001", Answers.Normal(), Answers.At, CancellationToken.None);

        // Act
        var found = await store.FindByActivityAsync("a:other", "1700000000001", CancellationToken.None);

        // Assert
        Assert.Null(found);
    }

    [Fact]
    public void NoFileIsCreatedUntilTheStoreIsUsed()
    {
        _ = new TeamsReplyStore(DatabasePath);

        Assert.False(File.Exists(DatabasePath));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
