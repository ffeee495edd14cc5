using Assistant.Rag.Generation;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Generation;

public sealed class LlmAnswerGeneratorTests
{
    private const string Question = "How often are laptops replaced?";

    private static LlmAnswerGenerator Generator(IChatClient chat, int timeoutSeconds = 20) => new(
        TestLlm.Calls(chat, TestLlm.Options(timeoutSeconds)),
        GenerationFixture.Extractive(),
        new FixedOptions<LlmOptions>(TestLlm.Options(timeoutSeconds)),
        NullLogger<LlmAnswerGenerator>.Instance);

    [Fact]
    public async Task TheModelSeesNumberedSourcesAndItsCitedAnswerIsKept()
    {
        var chat = ScriptedChatClient.Replying("Every four years [2].");
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Wifi, GenerationFixture.Laptops);

        var draft = await Generator(chat).GenerateAsync(Question, retrieval);
        var (text, citations) = CitationNumbering.Apply(draft);

        Assert.Equal(AnswerKind.Generated, draft.Kind);
        Assert.Equal("Every four years [1].", text);
        Assert.Equal("it/laptops.md", Assert.Single(citations).DocumentId);
        var prompt = chat.Requests.Single()[^1].Text;
        Assert.Contains("[1] Wi-Fi › Guest Wi-Fi", prompt, StringComparison.Ordinal);
        Assert.Contains("[2] Laptop replacement", prompt, StringComparison.Ordinal);
        Assert.EndsWith("Question: " + Question, prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerCitingOnlyInventedSourcesFallsBackToTheExtractiveAnswer()
    {
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Wifi, GenerationFixture.Laptops);

        var draft = await Generator(ScriptedChatClient.Replying("Every two years [7].")).GenerateAsync(Question, retrieval);

        Assert.Equal(AnswerKind.Extractive, draft.Kind);
        Assert.Contains("four years", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingModelFallsBackToTheExtractiveAnswer()
    {
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Laptops);

        var draft = await Generator(ScriptedChatClient.Failing(new HttpRequestException("503"))).GenerateAsync(Question, retrieval);

        Assert.Equal(AnswerKind.Extractive, draft.Kind);
    }

    [Fact]
    public async Task AModelThatTimesOutFallsBackToTheExtractiveAnswer()
    {
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Laptops);

        var draft = await Generator(ScriptedChatClient.Hanging(), timeoutSeconds: 1).GenerateAsync(Question, retrieval);

        Assert.Equal(AnswerKind.Extractive, draft.Kind);
    }

    [Fact]
    public async Task TheModelSayingTheSourcesDoNotAnswerGivesNoEvidence()
    {
        var retrieval = await GenerationFixture.RetrievalAsync("What is the capital of Peru?", GenerationFixture.Laptops);

        var draft = await Generator(ScriptedChatClient.Replying(LlmAnswerGenerator.NoAnswerToken)).GenerateAsync("What is the capital of Peru?", retrieval);

        Assert.Equal(AnswerKind.NoEvidence, draft.Kind);
    }

    [Fact]
    public async Task CancellationByTheCallerIsNotTurnedIntoAFallback()
    {
        var retrieval = await GenerationFixture.RetrievalAsync(Question, GenerationFixture.Laptops);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Generator(ScriptedChatClient.Hanging()).GenerateAsync(Question, retrieval, cancellation.Token));
    }
}
