using Assistant.Rag.Embeddings;
using Assistant.Rag.Memory;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Memory;

/// <summary>What every <see cref="IConversationMemory"/> must do; run once per store.</summary>
public abstract class ConversationMemoryContractTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    // Each test's keys of its own, so runs against one shared server never meet.
    private readonly string _prefix = TestRedis.NewPrefix();

    /// <summary>The time-to-live the store under test is given: short for a real server, whose clock cannot be faked.</summary>
    protected abstract TimeSpan Ttl { get; }

    protected abstract IConversationMemory Create(MemoryOptions options, HistoryCompactor compactor);

    /// <summary>Lets <paramref name="time"/> pass for the store.</summary>
    protected abstract Task ElapseAsync(TimeSpan time);

    [Fact]
    public async Task ANewConversationRemembersNothing()
    {
        var memory = Memory();

        var history = await memory.LoadAsync(Key("new"));

        Assert.Empty(history.Turns);
        Assert.Null(history.Summary);
        Assert.Null(history.Last);
    }

    [Fact]
    public async Task AppendedTurnsComeBackOldestFirstWithEveryField()
    {
        var memory = Memory();
        var key = Key("c1");
        var first = new ConversationTurn("How many days of annual leave?", "How many days of annual leave?", "30 days [1].", ["kb:leave.md"], At);
        var second = new ConversationTurn("and for contractors?", "How many days of annual leave do contractors get?", "None [1].", ["kb:contractors.md", "kb:leave.md"], At.AddMinutes(1));

        await memory.AppendAsync(key, first);
        await memory.AppendAsync(key, second);
        var history = await memory.LoadAsync(key);

        Assert.Equal([first.Question, second.Question], history.Turns.Select(t => t.Question));
        Assert.Equal(second.StandaloneQuestion, history.Last!.StandaloneQuestion);
        Assert.Equal(second.AnswerSummary, history.Last.AnswerSummary);
        Assert.Equal(second.SourceIds, history.Last.SourceIds);
        Assert.Equal(second.At, history.Last.At);
    }

    [Fact]
    public async Task WithoutAnLlmOnlyTheLastMaxTurnsAreKept()
    {
        var memory = Memory(new MemoryOptions { MaxTurns = 3 });
        var key = Key("many");

        for (var i = 1; i <= 5; i++)
        {
            await memory.AppendAsync(key, Turn($"question {i}"));
        }

        var history = await memory.LoadAsync(key);
        Assert.Equal(["question 3", "question 4", "question 5"], history.Turns.Select(t => t.Question));
        Assert.Null(history.Summary);
    }

    [Fact]
    public async Task LongTurnsAreBoundedByTokensButTheNewestIsAlwaysKept()
    {
        var memory = Memory(new MemoryOptions { MaxTurns = 10, MaxTokens = 120, AnswerSummaryChars = 4000 });
        var key = Key("long");
        var longAnswer = string.Join(' ', Enumerable.Repeat("allowance", 100));

        await memory.AppendAsync(key, Turn("first", longAnswer));
        await memory.AppendAsync(key, Turn("second", longAnswer));
        var history = await memory.LoadAsync(key);

        Assert.Equal("second", Assert.Single(history.Turns).Question);
    }

    [Fact]
    public async Task AnAnswerIsRememberedOnlyUpToTheConfiguredLength()
    {
        var memory = Memory(new MemoryOptions { AnswerSummaryChars = 40 });
        var key = Key("summary");

        await memory.AppendAsync(key, Turn("q", new string('x', 500)));

        Assert.Equal(40, (await memory.LoadAsync(key)).Last!.AnswerSummary.Length);
    }

    [Fact]
    public async Task ConversationsAndThreadsDoNotSeeEachOther()
    {
        var memory = Memory();
        var prefix = _prefix;
        var channel = ConversationKey.For(new Turn("slack", "C1", "U1", "x", ThreadId: "1.0"), prefix);
        var otherThread = ConversationKey.For(new Turn("slack", "C1", "U1", "x", ThreadId: "2.0"), prefix);
        var otherTenant = ConversationKey.For(new Turn("slack", "C1", "U1", "x", ThreadId: "1.0", TenantId: "T2"), prefix);

        await memory.AppendAsync(channel, Turn("in thread 1"));

        Assert.Single((await memory.LoadAsync(channel)).Turns);
        Assert.Empty((await memory.LoadAsync(otherThread)).Turns);
        Assert.Empty((await memory.LoadAsync(otherTenant)).Turns);
    }

    [Fact]
    public async Task ConcurrentAppendsToOneConversationAllLand()
    {
        var memory = Memory(new MemoryOptions { MaxTurns = 50, MaxTokens = 32000 });
        var key = Key("busy");

        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => memory.AppendAsync(key, Turn($"q{i}"))));

        Assert.Equal(12, (await memory.LoadAsync(key)).Turns.Count);
    }

    [Fact]
    public async Task OlderTurnsAreSummarisedWhenAnLlmIsConfigured()
    {
        var chat = ScriptedChatClient.Replying("Asked about annual leave in Berlin: 30 days.");
        var options = new MemoryOptions { MaxTurns = 2 };
        var memory = Create(options, Compactor(options, chat));
        var key = Key("summarised");

        await memory.AppendAsync(key, Turn("How many days of annual leave in Berlin?", "30 days."));
        await memory.AppendAsync(key, Turn("and for contractors?"));
        await memory.AppendAsync(key, Turn("how many can be carried over?"));
        var history = await memory.LoadAsync(key);

        Assert.Equal("Asked about annual leave in Berlin: 30 days.", history.Summary);
        Assert.Equal(["and for contractors?", "how many can be carried over?"], history.Turns.Select(t => t.Question));
        var prompt = Assert.Single(chat.Requests)[1].Text;
        Assert.Contains("How many days of annual leave in Berlin?", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConversationLeftAloneExpiresAndUseRefreshesItsTimeToLive()
    {
        var memory = Memory(new MemoryOptions { Ttl = Ttl });
        var used = Key("used");
        var idle = Key("idle");
        await memory.AppendAsync(used, Turn("kept alive"));
        await memory.AppendAsync(idle, Turn("left alone"));

        await ElapseAsync(Ttl * 0.6);
        await memory.LoadAsync(used);
        await ElapseAsync(Ttl * 0.6);

        Assert.Single((await memory.LoadAsync(used)).Turns);
        Assert.Empty((await memory.LoadAsync(idle)).Turns);

        await ElapseAsync(Ttl * 1.2);

        Assert.Empty((await memory.LoadAsync(used)).Turns);
    }

    private ConversationKey Key(string conversation) => ConversationKey.For(new Turn("playground", conversation, "user", "text"), _prefix);

    private IConversationMemory Memory(MemoryOptions? options = null)
    {
        options ??= new MemoryOptions();
        return Create(options, Compactor(options, chat: null));
    }

    private static HistoryCompactor Compactor(MemoryOptions options, IChatClient? chat) => TestEngine.Compactor(options, TestLlm.Calls(chat));

    private static ConversationTurn Turn(string question, string answer = "An answer [1].") => new(question, question, answer, ["kb:doc.md"], At);
}
