using Assistant.Rag.Memory;
using Assistant.Rag.Query;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Tests.Query;

/// <summary>The LLM rewrite with a scripted chat client: its prompt, and its fallbacks to the rules.</summary>
public sealed class LlmQuestionRewriterTests
{
    private static readonly ConversationHistory History = new(
        "Asked about per diems in Germany.",
        [new ConversationTurn("How many days of annual leave do Berlin employees get?", "How many days of annual leave do Berlin employees get?", "30 working days [1].", ["hr/annual-leave.md"], DateTimeOffset.UnixEpoch)]);

    [Fact]
    public async Task ThePromptHoldsTheSummaryThePreviousTurnAndTheNewMessage()
    {
        var chat = ScriptedChatClient.Replying("How many days of annual leave do contractors get?");
        var rewriter = Rewriter(chat);

        var rewritten = await rewriter.RewriteAsync("and for contractors?", History);

        Assert.Equal("How many days of annual leave do contractors get?", rewritten);
        var messages = Assert.Single(chat.Requests);
        Assert.Equal(ChatRole.System, messages[0].Role);
        Assert.Contains("Asked about per diems in Germany.", messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("30 working days [1].", messages[1].Text, StringComparison.Ordinal);
        Assert.EndsWith("Latest message: and for contractors?\nStandalone question:", messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutHistoryTheLlmIsNotAsked()
    {
        var chat = ScriptedChatClient.Replying("anything");

        var rewritten = await Rewriter(chat).RewriteAsync("How do I reset my password?", ConversationHistory.Empty);

        Assert.Equal("How do I reset my password?", rewritten);
        Assert.Empty(chat.Requests);
    }

    [Fact]
    public async Task ASlowLlmGivesWayToTheRulesAndIsLogged()
    {
        using var logs = new CollectingLoggerProvider();
        using var factory = logs.Factory();
        var rewriter = Rewriter(ScriptedChatClient.Hanging(), factory, timeoutSeconds: 1);

        var rewritten = await rewriter.RewriteAsync("and for contractors?", History);

        Assert.Equal("How many days of annual leave do Berlin contractors get?", rewritten);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Id.Id == 1700 && e.Message.Contains("step rewrite", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Sure! Here is the rewritten question:\nHow many days of annual leave do contractors get?")]
    public async Task AnUnusableReplyGivesWayToTheRules(string reply)
    {
        var rewritten = await Rewriter(ScriptedChatClient.Replying(reply)).RewriteAsync("and for contractors?", History);

        Assert.Equal("How many days of annual leave do Berlin contractors get?", rewritten);
    }

    [Fact]
    public async Task AFailingLlmGivesWayToTheRules()
    {
        var rewritten = await Rewriter(ScriptedChatClient.Failing(new HttpRequestException("503"))).RewriteAsync("and for contractors?", History);

        Assert.Equal("How many days of annual leave do Berlin contractors get?", rewritten);
    }

    private static LlmQuestionRewriter Rewriter(IChatClient chat, ILoggerFactory? logs = null, int timeoutSeconds = 5) =>
        new(TestLlm.Calls(chat, logs: logs), new RuleBasedQuestionRewriter(), new FixedOptions<RewriteOptions>(new RewriteOptions { TimeoutSeconds = timeoutSeconds }), (logs ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<LlmQuestionRewriter>());
}
