using Assistant.Rag.Ingestion;
using Assistant.Rag.Llm;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Tests.Ingestion;

/// <summary>The LLM side of index-time HyDE: what is asked, and how strictly the reply is read.</summary>
public sealed class HypotheticalQuestionGeneratorTests
{
    [Fact]
    public async Task AReplyOfTheSchemaGivesEachPassageItsCleanedQuestions()
    {
        // Arrange
        const string reply = """
            {"passages": [
              {"id": 2, "questions": ["  How do I   reset my\npassword? ", "how do i reset my password?", "", "Where is the VPN portal?", "A fourth one?"]},
              {"id": 1, "questions": ["差旅费用多久内报销？"]}
            ]}
            """;

        // Act
        var parsed = await ParseAsync(reply, passages: 2, questions: 2);

        // Assert
        Assert.NotNull(parsed);
        Assert.Equal(["差旅费用多久内报销？"], parsed[0]);
        Assert.Equal(["How do I reset my password?", "Where is the VPN portal?"], parsed[1]);
    }

    [Theory]
    [InlineData("1. How do I reset my password?")]
    [InlineData("""["How do I reset my password?"]""")]
    [InlineData("""{"questions": ["How do I reset my password?"]}""")]
    [InlineData("""{"passages": {"id": 1, "questions": ["x?"]}}""")]
    [InlineData("""{"passages": [{"id": 1, "questions": ["x?"]""")]
    [InlineData("")]
    public async Task AReplyThatIsNotTheAskedForJsonIsRejectedWhole(string reply) =>
        Assert.Null(await ParseAsync(reply, passages: 2, questions: 3));

    [Fact]
    public async Task EntriesWithAnUnknownOrRepeatedIdOrNonTextQuestionsAreDroppedAlone()
    {
        // Arrange
        const string reply = """
            ```json
            {"passages": [
              {"id": 0, "questions": ["zero?"]},
              {"id": 3, "questions": ["three?"]},
              {"id": 1, "questions": ["first?"]},
              {"id": 1, "questions": ["first again?"]},
              {"id": 2, "questions": ["two?", 2]},
              {"id": "2", "questions": ["two as text?"]}
            ]}
            ```
            """;

        // Act
        var parsed = await ParseAsync(reply, passages: 2, questions: 3);

        // Assert
        Assert.NotNull(parsed);
        var only = Assert.Single(parsed);
        Assert.Equal(0, only.Key);
        Assert.Equal(["first?"], only.Value);
    }

    [Fact]
    public async Task ChunksAreSentSeveralPerCallWithTheirLanguageAndASchemaAndRepeatedContentOnce()
    {
        // Arrange
        var writer = new ScriptedQuestionWriter(new Dictionary<string, string[]> { ["报销"] = ["差旅费用多久内报销？"], ["printer"] = ["Which printer prints in colour?"] });
        var generator = writer.Generator(2);
        var chunks = new List<Chunk>
        {
            Chunk("a", "差旅费用必须在出差结束后三十天内提交报销申请。", "zh"),
            Chunk("b", "The printer Heron prints in colour.", "en"),
            Chunk("c", "The printer Heron prints in colour.", "en"),
            Chunk("d", "Scans arrive by mail.", "en"),
            Chunk("e", "Parking is free on weekends.", "en"),
            Chunk("f", "The canteen opens at noon.", "en"),
        };

        // Act
        var questions = await generator.GenerateAsync(chunks);

        // Assert
        Assert.Equal(2, writer.Chat.Requests.Count);
        Assert.Equal(5, writer.PassagesAsked.Count);
        var first = writer.Chat.Requests.Select(r => r[^1].Text).Single(t => t.Contains("报销", StringComparison.Ordinal));
        Assert.Contains("(language: Chinese)", first, StringComparison.Ordinal);
        Assert.Contains("(language: English)", first, StringComparison.Ordinal);
        Assert.All(writer.Chat.Options, o => Assert.IsType<ChatResponseFormatJson>(o!.ResponseFormat));
        Assert.Equal(["差旅费用多久内报销？"], questions.ByContentHash["hash-a"]);
        Assert.Equal(["Which printer prints in colour?"], questions.ByContentHash["hash-The printer Heron prints in colour."]);
        Assert.Equal(2, questions.ByContentHash.Count);
        Assert.Equal(0, questions.FailedChunks);
    }

    // The reply read as the generator reads it: through the call policy's structured reply, then the entries' checks.
    private static async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>?> ParseAsync(string reply, int passages, int questions)
    {
        var llm = TestLlm.Calls(ScriptedChatClient.Replying(reply));
        var answer = await llm.AskAsync<QuestionsReply>(LlmStep.Of(LlmStepNames.HypotheticalQuestions, 5), [new ChatMessage(ChatRole.User, "passages")], new ChatOptions());
        return answer.IsOk ? HypotheticalQuestionGenerator.Select(answer.Value!, passages, questions) : null;
    }

    private static Chunk Chunk(string id, string text, string language) =>
        new($"{id}#0.0", id, $"{id}#0", 0, "Title", id, "Heading", text, language, 10, id == "a" ? "hash-a" : "hash-" + text, "v1");
}
