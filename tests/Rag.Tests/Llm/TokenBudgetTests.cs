using Assistant.Rag.Generation;
using Assistant.Rag.Llm;
using Assistant.Rag.Tests.Generation;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Llm;

/// <summary>The per-turn LLM token budget, with a scripted chat client.</summary>
public sealed class TokenBudgetTests
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "How often are laptops replaced?")];

    [Fact]
    public async Task OutsideATurnNothingIsLimited()
    {
        var inner = ScriptedChatClient.Replying("ok");
        using var client = new TokenBudgetChatClient(inner, SharedModel.Tokens, new FixedOptions<LlmOptions>(new LlmOptions { MaxOutputTokens = 500 }));

        await client.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 400 });

        Assert.Equal(400, inner.Options[0]!.MaxOutputTokens);
    }

    [Fact]
    public async Task TheReplyIsCappedToWhatIsLeftAndWhatWasUsedIsCharged()
    {
        var inner = ScriptedChatClient.Replying("ok");
        inner.Usage = new UsageDetails { InputTokenCount = 150, OutputTokenCount = 50, TotalTokenCount = 200 };
        using var client = new TokenBudgetChatClient(inner, SharedModel.Tokens, new FixedOptions<LlmOptions>(new LlmOptions { MaxOutputTokens = 500 }));
        using var turn = LlmTurnBudget.Begin(300);

        await client.GetResponseAsync(Prompt, new ChatOptions { MaxOutputTokens = 500 });

        Assert.InRange(inner.Options[0]!.MaxOutputTokens!.Value, 250, 299);
        Assert.Equal(100, LlmTurnBudget.Current!.Remaining);
    }

    [Fact]
    public async Task ACallThatNoLongerFitsIsRefusedWithoutReachingTheEndpoint()
    {
        var inner = ScriptedChatClient.Replying("ok");
        inner.Usage = new UsageDetails { TotalTokenCount = 290 };
        using var client = new TokenBudgetChatClient(inner, SharedModel.Tokens, new FixedOptions<LlmOptions>(new LlmOptions { MaxOutputTokens = 500 }));
        using var turn = LlmTurnBudget.Begin(300);
        await client.GetResponseAsync(Prompt);

        await Assert.ThrowsAsync<LlmBudgetExceededException>(() => client.GetResponseAsync(Prompt));

        Assert.Single(inner.Requests);
    }

    [Fact]
    public async Task AnAnswerOverBudgetFallsBackToTheExtractiveAnswer()
    {
        var inner = ScriptedChatClient.Replying("Laptops are replaced every four years [1].");
        var llm = TestLlm.Calls(inner);
        var generator = new LlmAnswerGenerator(llm, GenerationFixture.Extractive(), new FixedOptions<LlmOptions>(TestLlm.Options()), NullLogger<LlmAnswerGenerator>.Instance);
        var retrieval = await GenerationFixture.RetrievalAsync("How often are laptops replaced?", GenerationFixture.Laptops);
        using var turn = LlmTurnBudget.Begin(20);

        var draft = await generator.GenerateAsync("How often are laptops replaced?", retrieval);

        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.Empty(inner.Requests);
    }

    [Fact]
    public async Task EachTurnHasABudgetOfItsOwn()
    {
        var inner = ScriptedChatClient.Replying("ok");
        inner.Usage = new UsageDetails { TotalTokenCount = 250 };
        using var client = new TokenBudgetChatClient(inner, SharedModel.Tokens, new FixedOptions<LlmOptions>(new LlmOptions { MaxOutputTokens = 500 }));

        foreach (var _ in Enumerable.Range(0, 3))
        {
            using var turn = LlmTurnBudget.Begin(300);
            await client.GetResponseAsync(Prompt);
        }

        Assert.Equal(3, inner.Requests.Count);
        Assert.Null(LlmTurnBudget.Current);
    }
}
