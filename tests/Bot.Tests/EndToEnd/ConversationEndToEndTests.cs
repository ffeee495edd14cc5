using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag.Memory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>
/// A conversation with follow-ups through POST /api/chat of the real app, as the playground page sends it (one
/// conversation id per browser session): with the in-process store, with the real Redis server, and with a scripted LLM.
/// </summary>
[Collection(RealEngineCollection.Name)]
public sealed class ConversationEndToEndTests(RealEngineFixture fixture)
{
    private const string Sabbatical = "people/sabbatical.md";
    private const string Badge = "it/badge-replacement.md";

    [Fact]
    public async Task FollowUpsAreUnderstoodWithTheInProcessStore()
    {
        Assert.IsType<InProcessConversationMemory>(fixture.App.Services.GetRequiredService<IConversationMemory>());

        await ConverseAsync(fixture.Client, expectRuleRewrites: true);
    }

    [Fact]
    public async Task FollowUpsAreUnderstoodWithRedis()
    {
        var redis = Environment.GetEnvironmentVariable("ASSISTANT_TEST_REDIS") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("ASSISTANT_TEST_REDIS is not set: this test needs a real redis-server. Start one with tests/test-services.sh; test.sh does.");
        using var index = new TempFolder();
        await using var app = new RealEngineApp(index.Path, new Dictionary<string, string?> { ["Redis:Configuration"] = redis, ["Rag:Memory:KeyPrefix"] = "e2e-" + Guid.NewGuid().ToString("N") });
        using var client = await StartAsync(app);

        Assert.IsType<RedisConversationMemory>(app.Services.GetRequiredService<IConversationMemory>());
        Assert.IsType<RedisDeduplicator>(app.Services.GetRequiredService<IDeduplicator>());
        await ConverseAsync(client, expectRuleRewrites: true);
    }

    [Fact]
    public async Task FollowUpsAreUnderstoodWithAScriptedLlm()
    {
        var llm = new ScriptedLlm(new Dictionary<string, string>
        {
            ["How do I apply for it?"] = "How do I apply for a sabbatical?",
            ["and for contractors?"] = "Can contractors take a sabbatical?",
            ["How much does it cost?"] = "How much does a replacement access badge cost?",
        });
        using var index = new TempFolder();
        await using var app = new RealEngineApp(index.Path, services: services => services.AddSingleton<IChatClient>(llm));
        using var client = await StartAsync(app);

        var answers = await ConverseAsync(client, expectRuleRewrites: false);

        Assert.Equal("How do I apply for a sabbatical?", answers[1].GetProperty("standaloneQuestion").GetString());
        Assert.Equal("Can contractors take a sabbatical?", answers[2].GetProperty("standaloneQuestion").GetString());
        Assert.Equal("How much does a replacement access badge cost?", answers[4].GetProperty("standaloneQuestion").GetString());
        Assert.All(answers, a => Assert.Equal("Generated", a.GetProperty("kind").GetString()));

        // The rewrite of the second turn saw the first turn.
        var rewritePrompt = llm.Prompts.First(p => p[^1].Text.Contains("Latest message: How do I apply for it?", StringComparison.Ordinal))[^1].Text;
        Assert.Contains("Who can take a sabbatical?", rewritePrompt, StringComparison.Ordinal);
    }

    /// <summary>
    /// Sabbatical, a pronoun follow-up, an entity follow-up, a change of topic and a follow-up on the new topic; each
    /// must cite the right document. Returns the five answers.
    /// </summary>
    private static async Task<List<JsonElement>> ConverseAsync(HttpClient client, bool expectRuleRewrites)
    {
        var conversation = "e2e-" + Guid.NewGuid().ToString("N");
        var turns = new (string Text, string Source, string? RuleRewrite)[]
        {
            ("Who can take a sabbatical?", Sabbatical, "Who can take a sabbatical?"),
            ("How do I apply for it?", Sabbatical, "How do I apply for sabbatical?"),
            ("and for contractors?", Sabbatical, null),
            ("What happens if I lose my access badge?", Badge, "What happens if I lose my access badge?"),
            ("How much does it cost?", Badge, "How much does access badge cost?"),
        };

        var answers = new List<JsonElement>();
        foreach (var (text, source, ruleRewrite) in turns)
        {
            var response = await client.PostAsJsonAsync(new Uri("/api/chat", UriKind.Relative), new { conversationId = conversation, text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            var standalone = answer.GetProperty("standaloneQuestion").GetString()!;
            Assert.True(answer.GetProperty("citations").GetArrayLength() > 0, $"\"{text}\" (searched as \"{standalone}\") cited nothing");
            Assert.True(source == answer.GetProperty("citations")[0].GetProperty("url").GetString(), $"\"{text}\" (searched as \"{standalone}\") cited {answer.GetProperty("citations")[0].GetProperty("url")} instead of {source}");
            if (expectRuleRewrites && ruleRewrite is not null)
            {
                Assert.Equal(ruleRewrite, standalone);
            }

            answers.Add(answer);
        }

        if (expectRuleRewrites)
        {
            Assert.Contains("contractors", answers[2].GetProperty("standaloneQuestion").GetString()!, StringComparison.Ordinal);
            Assert.Contains("sabbatical", answers[2].GetProperty("standaloneQuestion").GetString()!, StringComparison.OrdinalIgnoreCase);
        }

        return answers;
    }

    private static Task<HttpClient> StartAsync(RealEngineApp app) => app.CreateReadyClientAsync();
}
