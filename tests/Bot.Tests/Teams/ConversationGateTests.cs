using Assistant.Bot.Teams;

namespace Assistant.Bot.Tests.Teams;

public sealed class ConversationGateTests
{
    [Fact]
    public async Task ASecondEntrantOfTheSameConversationWaitsUntilTheFirstLeaves()
    {
        // Arrange
        var gate = new ConversationGate();
        var first = await gate.EnterAsync("c1", CancellationToken.None);

        // Act
        var second = gate.EnterAsync("c1", CancellationToken.None);
        var other = await gate.EnterAsync("c2", CancellationToken.None);
        var waitedWhileHeld = !second.IsCompleted;
        first.Dispose();
        (await second).Dispose();
        other.Dispose();

        // Assert: another conversation was not held up, and nothing is left behind
        Assert.True(waitedWhileHeld);
        Assert.Equal(0, gate.Count);
    }
}
