using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Tests.Ingestion;

/// <summary>
/// Index-time HyDE over a real index folder (catalog, int8 vectors, Lucene, MiniLM), with the LLM played by a script
/// that answers each passage's cue word with its questions.
/// </summary>
public sealed class HypotheticalQuestionTests : IDisposable
{
    private const string Query = "Who pays if my laptop screen is cracked?";
    private const string TargetChunk = "kb:insurance.md#0.0";

    private static readonly SourceDocument Insurance = KnowledgeBase.Document(
        "kb:insurance.md",
        "Equipment insurance",
        ("Cover", "Damage to company-issued hardware is covered by the central IT insurance policy. File form IT-7 within five days of the incident."),
        ("Exclusions", "Private devices and accessories bought by employees are not insured."));

    // Shares the query's words but not its meaning: without the questions it is the better match for both routes.
    private static readonly SourceDocument Display = KnowledgeBase.Document(
        "kb:display.md",
        "Laptop display settings",
        ("Brightness", "Laptop screens can be dimmed with the function keys. If your screen looks cracked or flickers after an update, reinstall the display driver."));

    private static readonly Dictionary<string, string[]> Script = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IT insurance"] = ["Who pays for a cracked laptop screen?", "What do I do if I break my work computer?", "How long do I have to report broken equipment?"],
        ["Private devices"] = ["Is my own phone insured by the company?"],
        ["meal allowance"] = ["How much can I spend on food per day when travelling in Germany?"],
    };

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task IngestionStoresEachChunksQuestionsAndIndexesThemAsExtraVectors()
    {
        // Arrange
        var writer = new ScriptedQuestionWriter(Script);
        using var engine = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(3));

        // Act
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance, Display]);

        // Assert
        var stored = engine.Index.Catalog.GetQuestions([TargetChunk, "kb:insurance.md#1.0", "kb:display.md#0.0"]);
        Assert.Equal(Script["IT insurance"], stored[TargetChunk].Select(q => q.Text));
        Assert.Equal(Script["Private devices"], stored["kb:insurance.md#1.0"].Select(q => q.Text));
        Assert.False(stored.ContainsKey("kb:display.md#0.0"), "a chunk the model wrote no questions for has none");
        Assert.All(stored.Values.SelectMany(q => q), q => Assert.Equal(384, q.Embedding.Length));
        Assert.Equal(4, engine.Index.Catalog.CountQuestions());
        Assert.Equal(engine.Index.Catalog.Count().Chunks + 4, engine.Index.Vectors.Count);
        Assert.Equal(engine.Index.Catalog.Count().Chunks, engine.Index.Keywords.Count);
        Assert.Equal(3, writer.PassagesAsked.Count);
    }

    [Fact]
    public async Task AQuestionWordedQueryFindsTheChunkThroughItsHypotheticalQuestions()
    {
        // Arrange
        var writer = new ScriptedQuestionWriter(Script);
        using var engine = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(3));
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance, Display, .. KnowledgeBase.All]);

        // Act
        var result = await engine.Retriever().RetrieveAsync(Query);
        var vector = await new DenseVectorRoute(engine.Index, engine.Embedder).SearchAsync(new RouteQuery(Query, Query, "en", default), 10);

        // Assert
        Assert.Equal(TargetChunk, result.Hits[0].ChunkId);
        Assert.Equal("kb:insurance.md", result.Passages[0].DocumentId);
        Assert.Equal(TargetChunk, vector[0].Id);
        Assert.Equal(vector.Count, vector.Select(h => h.Id).Distinct().Count());
        Assert.All(vector, h => Assert.Equal(h.Id, QuestionRecords.ChunkOf(h.Id)));
        Assert.All(result.Passages, p => Assert.DoesNotContain("Who pays", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutHypotheticalQuestionsTheSameQueryRanksTheLookalikeFirst()
    {
        // Arrange: the control for the test above; with the switch off the query's words win.
        using var engine = await TestEngine.OpenAsync(_folder.Path, questions: ScriptedQuestionWriter.Generator(new ScriptedQuestionWriter(Script).Chat, 0));
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance, Display, .. KnowledgeBase.All]);

        // Act
        var result = await engine.Retriever().RetrieveAsync(Query);

        // Assert
        Assert.Equal(0, engine.Index.Catalog.CountQuestions());
        Assert.NotEqual(TargetChunk, result.Hits[0].ChunkId);
        Assert.Equal("kb:display.md", result.Passages[0].DocumentId);
    }

    [Fact]
    public async Task ReingestingAChangedDocumentAsksOnlyAboutItsChangedChunks()
    {
        // Arrange
        var writer = new ScriptedQuestionWriter(Script);
        using var engine = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(3));
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance, KnowledgeBase.Travel]);
        var askedFirst = writer.PassagesAsked.Count;
        var changed = KnowledgeBase.Document(
            "kb:insurance.md",
            "Equipment insurance",
            ("Cover", "Damage to company-issued hardware is covered by the central IT insurance policy. File form IT-7 within five days of the incident."),
            ("Exclusions", "Private devices, rental cars and accessories bought by employees are not insured."));

        // Act
        var unchanged = await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance, KnowledgeBase.Travel]);
        var askedUnchanged = writer.PassagesAsked.Count - askedFirst;
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [changed, KnowledgeBase.Travel]);

        // Assert
        Assert.Equal(2, unchanged.Unchanged);
        Assert.Equal(0, askedUnchanged);
        var askedAfterChange = writer.PassagesAsked.Skip(askedFirst).ToList();
        var only = Assert.Single(askedAfterChange);
        Assert.Contains("rental cars", only, StringComparison.Ordinal);
        Assert.Equal(Script["IT insurance"], engine.Index.Catalog.GetQuestions([TargetChunk])[TargetChunk].Select(q => q.Text));
        Assert.Equal(engine.Index.Catalog.Count().Chunks + engine.Index.Catalog.CountQuestions(), engine.Index.Vectors.Count);
    }

    [Fact]
    public async Task RemovingADocumentRemovesItsQuestionsFromTheCatalogAndTheVectorIndex()
    {
        // Arrange
        var writer = new ScriptedQuestionWriter(Script);
        using var engine = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(3));
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance, KnowledgeBase.Travel]);
        Assert.Equal(5, engine.Index.Catalog.CountQuestions());

        // Act
        var removed = await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel], removeMissing: true);

        // Assert
        Assert.Equal(1, removed.Removed);
        Assert.Equal(1, engine.Index.Catalog.CountQuestions());
        Assert.Empty(engine.Index.Catalog.GetQuestions([TargetChunk, "kb:insurance.md#1.0"]));
        Assert.Equal(engine.Index.Catalog.Count().Chunks + 1, engine.Index.Vectors.Count);
        var hits = await engine.Index.Vectors.SearchAsync(await SharedModel.Embedder.GenerateVectorAsync(Script["IT insurance"][0]), 100);
        Assert.DoesNotContain(hits, h => h.Id.StartsWith("kb:insurance.md", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("failing", 1701)]
    [InlineData("not json", 1707)]
    [InlineData("wrong shape", 1707)]
    [InlineData("timeout", 1700)]
    public async Task AFailedOrInvalidLlmCallIngestsTheChunksWithoutQuestionsAndLogsIt(string failure, int eventId)
    {
        // Arrange
        var chat = failure switch
        {
            "failing" => ScriptedChatClient.Failing(new HttpRequestException("503 Service Unavailable")),
            "not json" => ScriptedChatClient.Replying("1. Who pays for a cracked laptop screen?\n2. What do I do if I break my work computer?"),
            "wrong shape" => ScriptedChatClient.Replying("""{"questions": ["Who pays for a cracked laptop screen?"]}"""),
            _ => ScriptedChatClient.Hanging(),
        };
        using var logs = new CollectingLoggerProvider();
        using var factory = logs.Factory();
        using var engine = await TestEngine.OpenAsync(_folder.Path, questions: ScriptedQuestionWriter.Generator(chat, 3, factory, timeoutSeconds: 1));

        // Act
        var result = await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance, Display]);

        // Assert
        Assert.Equal(2, result.Added);
        Assert.Equal(3, result.ChunksWithoutQuestions);
        Assert.Equal(0, engine.Index.Catalog.CountQuestions());
        Assert.Equal(engine.Index.Catalog.Count().Chunks, engine.Index.Vectors.Count);
        Assert.NotEmpty(await engine.Index.Keywords.SearchAsync("IT-7", 5));
        Assert.Contains(logs.Entries, e => e.Id.Id == eventId && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task AfterFailedCallsTheNextIngestAsksAgainOnlyForTheChunksLeftWithoutQuestions()
    {
        // Arrange: the call for the insurance chunks fails; Travel's were asked about before (the model wrote one question).
        var writer = new ScriptedQuestionWriter(Script);
        var flaky = new ScriptedChatClient((messages, token) => messages[^1].Text.Contains("IT-7", StringComparison.Ordinal)
            ? Task.FromException<string>(new HttpRequestException("502 Bad Gateway"))
            : writer.Chat.GetResponseAsync(messages, cancellationToken: token).ContinueWith(t => t.Result.Text, token, TaskContinuationOptions.None, TaskScheduler.Default));
        using (var first = await TestEngine.OpenAsync(_folder.Path, questions: ScriptedQuestionWriter.Generator(flaky, 3)))
        {
            await first.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel]);
            var failed = await first.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel, Insurance]);
            Assert.Equal(2, failed.ChunksWithoutQuestions);
            Assert.Equal(1, first.Index.Catalog.CountQuestions());
        }

        var askedBefore = writer.PassagesAsked.Count;
        using var second = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(3));

        // Act
        var retried = await second.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel, Insurance]);
        var settled = await second.Pipeline.IngestAsync(KnowledgeBase.Source, [KnowledgeBase.Travel, Insurance]);

        // Assert
        Assert.Equal(0, retried.ChunksWithoutQuestions);
        Assert.Equal(5, second.Index.Catalog.CountQuestions());
        // The two insurance chunks, and Travel's booking chunk, for which the model wrote none; not the meal allowance chunk.
        var askedAgain = writer.PassagesAsked.Skip(askedBefore).ToList();
        Assert.Equal(3, askedAgain.Count);
        Assert.All(askedAgain, p => Assert.DoesNotContain("meal allowance", p, StringComparison.Ordinal));
        Assert.Equal(2, settled.Unchanged);
        Assert.Equal(askedBefore + 3, writer.PassagesAsked.Count);
    }

    [Fact]
    public async Task AnUnreachableLlmIsGivenUpAfterAFewFailedCallsInARow()
    {
        // Arrange: 20 one-chunk documents make 5 calls of 4 chunks; after 3 failures in a row the rest are not sent. A
        // refused connection is transient, so each call is one attempt and one retry.
        var chat = ScriptedChatClient.Failing(new HttpRequestException("connection refused"));
        using var logs = new CollectingLoggerProvider();
        using var factory = logs.Factory();
        var generator = new HypotheticalQuestionGenerator(
            TestLlm.Calls(chat, TestLlm.Options(maxRetries: 1), factory),
            Options.Create(new IngestionOptions { HypotheticalQuestions = 2, HypotheticalQuestionCalls = 1 }),
            new FixedOptions<LlmOptions>(TestLlm.Options(maxRetries: 1)),
            factory.CreateLogger<HypotheticalQuestionGenerator>());
        var chunks = Enumerable.Range(0, 20).Select(i => new Chunk($"d{i}#0.0", $"d{i}", $"d{i}#0", 0, "t", "u", "h", $"text {i}", "en", 2, $"hash{i}", "v")).ToList();

        // Act
        var questions = await generator.GenerateAsync(chunks);

        // Assert
        Assert.Empty(questions.ByContentHash);
        Assert.Equal(20, questions.FailedChunks);
        Assert.Equal(HypotheticalQuestionGenerator.MaxConsecutiveFailures * 2, chat.Requests.Count);
        Assert.Contains(logs.Entries, e => e.Id.Id == 1217);
    }

    [Fact]
    public void WithoutAnLlmTheSettingIsIgnoredWithOneWarning()
    {
        // Arrange
        using var logs = new CollectingLoggerProvider();
        using var factory = logs.Factory();

        // Act
        var generator = ScriptedQuestionWriter.Generator(null, 3, factory);

        // Assert
        Assert.Equal(0, generator.QuestionsPerChunk);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(1211, warning.Id.Id);
        Assert.Contains("Rag:Ingestion:HypotheticalQuestions", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchingQuestionsOnRevisitsDocumentsIngestedWithoutThem()
    {
        // Arrange
        var writer = new ScriptedQuestionWriter(Script);
        using (var off = await TestEngine.OpenAsync(_folder.Path))
        {
            await off.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance]);
        }

        using var on = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(3));

        // Act
        var result = await on.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance]);
        var again = await on.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance]);

        // Assert
        Assert.Equal(1, result.Updated);
        Assert.Equal(0, result.ChunksEmbedded);
        Assert.Equal(4, on.Index.Catalog.CountQuestions());
        Assert.Equal(1, again.Unchanged);
        Assert.Equal(2, writer.PassagesAsked.Count);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(0, 0)]
    public async Task LoweringOrSwitchingOffTheSettingTrimsTheStoredQuestionsWithoutAskingTheLlm(int lowered, int expected)
    {
        // Arrange
        var writer = new ScriptedQuestionWriter(Script);
        using (var on = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(3)))
        {
            await on.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance]);
            Assert.Equal(4, on.Index.Catalog.CountQuestions());
        }

        var asked = writer.PassagesAsked.Count;
        using var engine = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(lowered));

        // Act
        var result = await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance]);

        // Assert
        Assert.Equal(1, result.Updated);
        Assert.Equal(asked, writer.PassagesAsked.Count);
        Assert.Equal(expected, engine.Index.Catalog.CountQuestions());
        Assert.Equal(engine.Index.Catalog.Count().Chunks + expected, engine.Index.Vectors.Count);
        Assert.Equal(expected > 0, (await engine.Index.Keywords.SearchAsync("pays", 5)).Count > 0);
    }

    [Fact]
    public async Task RebuildingTheDerivedIndexesFromTheCatalogRestoresTheQuestionVectorsAndKeywords()
    {
        // Arrange
        var writer = new ScriptedQuestionWriter(Script);
        using (var engine = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(3)))
        {
            await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance, Display, .. KnowledgeBase.All]);
        }

        Directory.Delete(Path.Combine(_folder.Path, "vectors"), recursive: true);
        Directory.Delete(Path.Combine(_folder.Path, "keywords"), recursive: true);
        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);

        // Act
        using var reopened = await TestEngine.OpenAsync(_folder.Path, counter);

        // Assert
        Assert.Equal(0, counter.Inputs);
        Assert.Equal(5, reopened.Index.Catalog.CountQuestions());
        Assert.Equal(reopened.Index.Catalog.Count().Chunks + 5, reopened.Index.Vectors.Count);
        var vector = await new DenseVectorRoute(reopened.Index, counter).SearchAsync(new RouteQuery(Query, Query, "en", default), 5);
        Assert.Equal(TargetChunk, vector[0].Id);
        var keyword = await reopened.Index.Keywords.SearchAsync("report", 5);
        Assert.Equal(TargetChunk, keyword[0].Id);
    }

    [Fact]
    public async Task RebuildingATwoLevelIndexLoadsTheQuestionVectorsToo()
    {
        // Arrange
        var writer = new ScriptedQuestionWriter(Script);
        using var engine = await TestEngine.OpenAsync(_folder.Path, questions: writer.Generator(3));
        await engine.Pipeline.IngestAsync(KnowledgeBase.Source, [Insurance, Display, .. KnowledgeBase.All]);
        var flat = new Int8FlatVectorIndex(Path.Combine(_folder.Path, "two-level"), 384);
        await flat.UpsertAsync([.. engine.Index.Catalog.ReadAll().Select(c => new VectorRecord(c.Chunk.Id, c.Embedding)), .. engine.Index.Catalog.ReadAllQuestionVectors()]);
        using var twoLevel = TwoLevelVectorIndex.Open(flat, engine.Index.Catalog, documents: 2);
        var query = await SharedModel.Embedder.GenerateVectorAsync(Query);

        // Act
        var hits = await twoLevel.SearchChunksAsync(query, 3);

        // Assert
        Assert.Equal(TargetChunk, hits[0].Id);
    }

    public void Dispose() => _folder.Dispose();
}
