using Assistant.Rag.Generation;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Rag.Tests.Llm;

/// <summary>The engine as AddRag composes it with an LLM: every turn opens its own token budget, and the steps' calls are charged to it.</summary>
public sealed class TurnBudgetCompositionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task EachTurnOpensABudgetThatCapsItsLlmCalls()
    {
        // Arrange: replies may be 4,000 tokens long, but a turn may spend only 1,500.
        var chat = ScriptedChatClient.Replying("The daily meal allowance in Germany is 28 euros [1].");
        using var engine = await TestEngine.OpenAsync(_folder.Path, services: services =>
        {
            services.AddSingleton<IChatClient>(chat);
            services.Configure<LlmOptions>(o => (o.MaxOutputTokens, o.MaxTokensPerTurn) = (4000, 1500));
        });
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel]);
        var assistant = engine.Services.GetRequiredService<IAssistant>();

        // Act
        var first = await assistant.AnswerAsync(new Turn("playground", "c1", "u1", "What is the meal allowance in Germany?"));
        var second = await assistant.AnswerAsync(new Turn("playground", "c2", "u1", "What is the meal allowance in Germany?"));

        // Assert: both answers come from the LLM, each within a budget of its own.
        Assert.Equal((AnswerKind.Generated, AnswerKind.Generated), (first.Kind, second.Kind));
        Assert.Equal(2, chat.Requests.Count(r => r[0].Text.Contains("numbered sources", StringComparison.Ordinal)));
        Assert.All(chat.Options, o => Assert.InRange(o!.MaxOutputTokens!.Value, 16, 1499));
    }

    public void Dispose() => _folder.Dispose();
}
