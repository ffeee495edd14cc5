using Assistant.Rag.Generation;
using Assistant.Rag.Memory;
using Assistant.Rag.Query;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Query;

/// <summary>Conversations through the real engine over a real index: history, standalone rewrite, memory failures.</summary>
public sealed class ConversationalEngineTests : IClassFixture<IndexedKnowledgeBase>
{
    private const string MealQuestion = "How much is the daily meal allowance for business trips in Germany?";
    private readonly IndexedKnowledgeBase _kb;

    public ConversationalEngineTests(IndexedKnowledgeBase kb) => _kb = kb;

    [Fact]
    public async Task AFollowUpIsSearchedAsAStandaloneQuestionAndANewTopicAsTyped()
    {
        var engine = _kb.Engine.Conversational(TestEngine.InProcessMemory());
        var conversation = Guid.NewGuid().ToString("N");

        var first = await engine.AnswerAsync(Ask(conversation, "How do I connect to the VPN?"));
        var second = await engine.AnswerAsync(Ask(conversation, "What if it drops every few minutes?"));
        var third = await engine.AnswerAsync(Ask(conversation, "How many weeks of paid parental leave do employees get?"));
        var fourth = await engine.AnswerAsync(Ask(conversation, "Where do I request it?"));

        Assert.Equal(KnowledgeBase.Vpn.Id, first.Citations[0].DocumentId);
        Assert.Equal("What if VPN drops every few minutes?", second.StandaloneQuestion);
        Assert.Equal(KnowledgeBase.Vpn.Id, second.Citations[0].DocumentId);
        Assert.Contains("Frankfurt", second.Text, StringComparison.Ordinal);
        Assert.Equal("How many weeks of paid parental leave do employees get?", third.StandaloneQuestion);
        Assert.Equal(KnowledgeBase.Leave.Id, third.Citations[0].DocumentId);
        Assert.Equal("Where do I request paid parental leave?", fourth.StandaloneQuestion);
        Assert.Equal(KnowledgeBase.Leave.Id, fourth.Citations[0].DocumentId);
    }

    [Fact]
    public async Task TheTurnIsRememberedWithItsRewriteAnswerAndSources()
    {
        var memory = TestEngine.InProcessMemory();
        var engine = _kb.Engine.Conversational(memory);
        var turn = Ask(Guid.NewGuid().ToString("N"), MealQuestion);

        var answer = await engine.AnswerAsync(turn);

        var history = await memory.LoadAsync(ConversationKey.For(turn, new MemoryOptions().KeyPrefix));
        var remembered = Assert.Single(history.Turns);
        Assert.Equal(MealQuestion, remembered.Question);
        Assert.Equal(answer.StandaloneQuestion, remembered.StandaloneQuestion);
        Assert.StartsWith(answer.Text[..20], remembered.AnswerSummary, StringComparison.Ordinal);
        Assert.Equal([KnowledgeBase.Travel.Id], remembered.SourceIds);
    }

    [Fact]
    public async Task ConversationsDoNotLeakIntoEachOther()
    {
        var engine = _kb.Engine.Conversational(TestEngine.InProcessMemory());

        await engine.AnswerAsync(Ask("one", MealQuestion));
        var other = await engine.AnswerAsync(Ask("two", "And the hotel?"));

        Assert.Equal("And the hotel?", other.StandaloneQuestion);
    }

    [Fact]
    public async Task WhenMemoryFailsTheTurnIsAnsweredWithoutHistoryAndAWarningIsLogged()
    {
        var memory = new FailingConversationMemory();
        var logger = new RecordingLogger<QuestionContextualizer>();
        var engine = _kb.Engine.Conversational(memory, logger: logger);
        var conversation = Guid.NewGuid().ToString("N");

        var first = await engine.AnswerAsync(Ask(conversation, MealQuestion));
        var followUp = await engine.AnswerAsync(Ask(conversation, "And the hotel?"));

        Assert.Equal(KnowledgeBase.Travel.Id, first.Citations[0].DocumentId);
        Assert.Equal("And the hotel?", followUp.StandaloneQuestion);
        Assert.Equal(4, memory.Calls);
        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning && e.EventId.Id == 1552).ToList();
        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, w => Assert.DoesNotContain("hotel", w.Message, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WithAnLlmTheRewriteComesFromThePromptThatSeesTheHistory()
    {
        var chat = ScriptedChatClient.Replying("How much are hotel costs reimbursed on business trips in Germany?");
        var rewriter = new LlmQuestionRewriter(TestLlm.Calls(chat), new RuleBasedQuestionRewriter(), new FixedOptions<RewriteOptions>(new RewriteOptions()), NullLogger<LlmQuestionRewriter>.Instance);
        var engine = _kb.Engine.Conversational(TestEngine.InProcessMemory(), rewriter);
        var conversation = Guid.NewGuid().ToString("N");

        await engine.AnswerAsync(Ask(conversation, MealQuestion));
        var followUp = await engine.AnswerAsync(Ask(conversation, "And the hotel?"));

        Assert.Equal("How much are hotel costs reimbursed on business trips in Germany?", followUp.StandaloneQuestion);
        Assert.Equal(KnowledgeBase.Travel.Id, followUp.Citations[0].DocumentId);
        var prompt = Assert.Single(chat.Requests)[1].Text;
        Assert.Contains(MealQuestion, prompt, StringComparison.Ordinal);
        Assert.Contains("28 euros", prompt, StringComparison.Ordinal);
        Assert.Contains("And the hotel?", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectedQuestionNeitherReadsNorWritesMemory()
    {
        var memory = new FailingConversationMemory();
        var engine = _kb.Engine.Conversational(memory);

        var answer = await engine.AnswerAsync(Ask("c", "   "));

        Assert.Equal(AnswerKind.Rejected, answer.Kind);
        Assert.Equal(0, memory.Calls);
    }

    private static Turn Ask(string conversation, string text) => new("test", conversation, "user", text);
}
