using Assistant.Rag.Memory;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Rag.Tests.Memory;

/// <summary>The contract for the in-process store, on a fake clock; plus its own bound on conversations.</summary>
public sealed class InProcessConversationMemoryTests : ConversationMemoryContractTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    protected override TimeSpan Ttl => TimeSpan.FromHours(24);

    protected override IConversationMemory Create(MemoryOptions options, HistoryCompactor compactor) =>
        new InProcessConversationMemory(compactor, new FixedOptions<MemoryOptions>(options), _time);

    protected override Task ElapseAsync(TimeSpan time)
    {
        _time.Advance(time);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AtMostMaxConversationsAreHeldAndTheLeastRecentlyUsedGoFirst()
    {
        var options = new MemoryOptions { MaxConversations = 10 };
        var memory = new InProcessConversationMemory(
            TestEngine.Compactor(options),
            new FixedOptions<MemoryOptions>(options),
            _time);
        var turn = new ConversationTurn("q", "q", "a", [], _time.GetUtcNow());

        for (var i = 0; i < 25; i++)
        {
            await memory.AppendAsync(new ConversationKey($"k{i}"), turn);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(10, memory.Count);
        Assert.Empty((await memory.LoadAsync(new ConversationKey("k0"))).Turns);
        Assert.Single((await memory.LoadAsync(new ConversationKey("k24"))).Turns);
    }
}
