using Assistant.Rag.Evaluation;
using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Routing;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Query;

/// <summary>Query expansion inside retrieval and in the evaluation, over a real index, with a scripted LLM.</summary>
public sealed class ExpandedRetrievalTests : IClassFixture<IndexedKnowledgeBase>, IDisposable
{
    private readonly IndexedKnowledgeBase _kb;
    private readonly TempFolder _folder = new();

    public ExpandedRetrievalTests(IndexedKnowledgeBase kb) => _kb = kb;

    /// <summary>A chat client that answers each expansion prompt with its own script.</summary>
    private static ScriptedChatClient Llm(string alternatives, string stepBack, string hypothetical) => new((messages, _) =>
    {
        var system = messages[0].Text;
        return Task.FromResult(system.Contains("search queries", StringComparison.Ordinal) ? alternatives
            : system.Contains("step-back", StringComparison.Ordinal) ? stepBack
            : hypothetical);
    });

    private HybridRetriever Retriever(RetrievalOptions options, ScriptedChatClient chat) =>
        _kb.Engine.Retriever(options, expander: new QueryExpander(TestLlm.Calls(chat)));

    [Fact]
    public async Task MultiQuerySearchesEachRephrasingAndFusesWhatTheyFind()
    {
        // Arrange: keyword route alone, so only the texts searched decide what is found
        var chat = Llm("daily meal allowance Germany", string.Empty, string.Empty);
        var retriever = Retriever(new RetrievalOptions { VectorWeight = 0 }, chat);

        // Act
        var plain = await retriever.RankAsync(new RetrievalRequest("GlobalProtect"), new RetrievalOptions { VectorWeight = 0 });
        var expanded = await retriever.RankAsync(new RetrievalRequest("GlobalProtect", Expansion: new QueryExpansionOptions { MultiQuery = true }), new RetrievalOptions { VectorWeight = 0 });

        // Assert
        Assert.All(plain.Hits, h => Assert.StartsWith(KnowledgeBase.Vpn.Id, h.ChunkId, StringComparison.Ordinal));
        Assert.StartsWith(KnowledgeBase.Vpn.Id, expanded.Hits[0].ChunkId, StringComparison.Ordinal);
        Assert.Contains(expanded.Hits, h => h.ChunkId.StartsWith(KnowledgeBase.Travel.Id, StringComparison.Ordinal));
        Assert.Contains("1 rephrasings", Assert.Single(expanded.Routes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepBackSearchesTheGeneralQuestionBesideAWhyQuestion()
    {
        // Arrange
        var chat = Llm(string.Empty, "What is the parental leave policy?", string.Empty);
        var retriever = Retriever(new RetrievalOptions { VectorWeight = 0 }, chat);

        // Act
        var result = await retriever.RankAsync(new RetrievalRequest("Why does GlobalProtect drop?", Expansion: new QueryExpansionOptions { StepBack = true }), new RetrievalOptions { VectorWeight = 0 });

        // Assert
        Assert.Contains(result.Hits, h => h.ChunkId.StartsWith(KnowledgeBase.Leave.Id, StringComparison.Ordinal));
        Assert.Contains("a step-back question", Assert.Single(result.Routes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HydeSearchesTheVectorRouteWithTheHypotheticalAnswerBesideTheQuestion()
    {
        // Arrange: vector route alone
        var options = new RetrievalOptions { KeywordWeight = 0 };
        var chat = Llm(string.Empty, string.Empty, "Employees with a year of service get sixteen weeks of paid parental leave, requested in Workday.");
        var retriever = Retriever(options, chat);
        const string Question = "How long can I stay home?";

        // Act
        var plain = await retriever.RankAsync(new RetrievalRequest(Question), options);
        var hyde = await retriever.RankAsync(new RetrievalRequest(Question, Expansion: new QueryExpansionOptions { Hyde = true }), options);

        // Assert
        Assert.StartsWith(KnowledgeBase.Leave.Id, hyde.Hits[0].ChunkId, StringComparison.Ordinal);
        Assert.NotEqual(plain.Hits.Select(h => h.ChunkId), hyde.Hits.Select(h => h.ChunkId));
        Assert.Contains("a hypothetical answer", Assert.Single(hyde.Routes).Reason, StringComparison.Ordinal);
        Assert.Equal(await SharedModel.Embedder.GenerateVectorAsync(Question), hyde.QueryEmbedding.ToArray());
    }

    [Fact]
    public async Task TheEvaluationListsEachExpansionAsItsOwnConfigurationAndMeasuresItsEffect()
    {
        // Arrange: one judged question the plain search cannot place first, and an LLM whose expansions point at the answer
        var dataset = Dataset("How long can I stay home?", KnowledgeBase.Leave.Id);
        var chat = Llm("paid parental leave weeks", "What is the parental leave policy?", "Employees with one year of service receive sixteen weeks of paid parental leave. Requests go to the HR portal Workday.");
        // (Min-max: under z-score the plain search already places the policy first, leaving nothing to measure.)
        var product = new RetrievalOptions { Fusion = FusionMethod.MinMax };
        var evaluator = new RetrievalEvaluator(Retriever(product, chat));
        var configs = EvaluationConfigs.All(product, llmAvailable: true);

        // Act
        var results = new Dictionary<string, double>();
        foreach (var config in configs.Where(c => c.Name is EvaluationConfigs.Default or "multi-query" or "step-back" or "hyde"))
        {
            var (queries, _) = RetrievalEvaluator.AskableQueries(dataset);
            results[config.Name] = (await evaluator.EvaluateAsync(dataset, queries, config)).Ndcg10;
        }

        // Assert
        Assert.Equal(
            ["keyword", "vector", "hybrid-rrf", "hybrid-minmax", "hybrid-zscore", "hybrid", .. EvaluationConfigs.GridVectorShares.SelectMany(v => new[] { $"hybrid-minmax-v{v:0.0}", $"hybrid-zscore-v{v:0.0}" }), "multi-query", "step-back", "hyde"],
            configs.Select(c => c.Name));
        Assert.DoesNotContain(EvaluationConfigs.All(new RetrievalOptions()), c => EvaluationConfigs.NeedingLlm.Contains(c.Name));
        Assert.True(results["hybrid"] < 1.0, $"plain nDCG {results["hybrid"]}");
        Assert.True(results["multi-query"] > results["hybrid"], $"multi-query: {results["multi-query"]} vs {results["hybrid"]}");
        Assert.True(results["step-back"] > results["hybrid"], $"step-back: {results["step-back"]} vs {results["hybrid"]}");

        // HyDE moves only the vector side; here BM25's one confident (wrong) hit keeps the leave policy second either way.
        Assert.True(results["hyde"] >= results["hybrid"], $"hyde: {results["hyde"]} vs {results["hybrid"]}");
        Assert.Equal(3, chat.Requests.Count); // one call per expansion configuration, none for the default
    }

    private BeirDataset Dataset(string question, string relevant)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "corpus.jsonl"), string.Empty);
        File.WriteAllText(Path.Combine(_folder.Path, "queries.jsonl"), $$"""{"_id":"q1","text":"{{question}}"}""" + "\n");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "qrels"));
        File.WriteAllText(Path.Combine(_folder.Path, "qrels", "test.tsv"), $"query-id\tcorpus-id\tscore\nq1\t{relevant}\t1\n");
        return BeirDataset.Load(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();
}
