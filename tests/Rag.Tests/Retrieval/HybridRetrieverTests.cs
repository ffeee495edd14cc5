using Assistant.Rag.Ingestion;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Retrieval;

/// <summary>Hybrid retrieval over a real index: MiniLM vectors, Lucene BM25, fusion and passage assembly.</summary>
public sealed class HybridRetrieverTests : IClassFixture<IndexedKnowledgeBase>
{
    private readonly IndexedKnowledgeBase _kb;

    public HybridRetrieverTests(IndexedKnowledgeBase kb) => _kb = kb;

    [Fact]
    public async Task BothRoutesContributeToAnEnglishQuestion()
    {
        // Arrange
        var retriever = _kb.Engine.Retriever();

        // Act
        var result = await retriever.RetrieveAsync("What portal address do I enter in GlobalProtect?");

        // Assert
        Assert.Equal([HybridRetriever.VectorRoute, HybridRetriever.KeywordRoute], result.Routes.Select(r => r.Name));
        Assert.All(result.Routes, route => Assert.True(route.Hits > 0, route.Name));
        Assert.All(result.Routes, route => Assert.Equal(1.0, route.Weight));
        Assert.Equal(KnowledgeBase.Vpn.Id, result.Passages[0].DocumentId);
        var top = result.Hits[0];
        Assert.True(top.RouteRanks.ContainsKey(HybridRetriever.VectorRoute) && top.RouteRanks.ContainsKey(HybridRetriever.KeywordRoute));
        Assert.Equal(LanguageDetector.English, result.Language);
        Assert.False(result.QueryEmbedding.IsEmpty);
    }

    [Fact]
    public async Task AZeroKeywordWeightLeavesTheKeywordRouteOut()
    {
        // Arrange
        var retriever = _kb.Engine.Retriever(new RetrievalOptions { KeywordWeight = 0 });

        // Act
        var result = await retriever.RetrieveAsync("What portal address do I enter in GlobalProtect?");

        // Assert
        var route = Assert.Single(result.Routes);
        Assert.Equal(HybridRetriever.VectorRoute, route.Name);
        Assert.All(result.Hits, hit => Assert.Equal([HybridRetriever.VectorRoute], hit.RouteRanks.Keys));
        Assert.Equal(result.Hits.Select(h => h.RouteRanks[HybridRetriever.VectorRoute]), Enumerable.Range(1, result.Hits.Count));
    }

    [Fact]
    public async Task AZeroVectorWeightLeavesOnlyKeywordHits()
    {
        // Arrange
        var retriever = _kb.Engine.Retriever(new RetrievalOptions { VectorWeight = 0 });

        // Act
        var result = await retriever.RetrieveAsync("GlobalProtect");

        // Assert
        var route = Assert.Single(result.Routes);
        Assert.Equal(HybridRetriever.KeywordRoute, route.Name);
        var hit = Assert.Single(result.Hits);
        Assert.StartsWith(KnowledgeBase.Vpn.Id + "#", hit.ChunkId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChineseQuestionDownWeightsTheVectorRouteWhenItIsAllowedAWeight()
    {
        // Arrange
        var options = new RetrievalOptions { CjkVectorWeightFactor = 0.1 };
        var retriever = _kb.Engine.Retriever(options);

        // Act
        var result = await retriever.RetrieveAsync("差旅费用报销要在多少天内提交？");

        // Assert
        Assert.Equal(LanguageDetector.Chinese, result.Language);
        var vector = Assert.Single(result.Routes, r => r.Name == HybridRetriever.VectorRoute);
        var keyword = Assert.Single(result.Routes, r => r.Name == HybridRetriever.KeywordRoute);
        Assert.Equal(options.VectorWeight * options.CjkVectorWeightFactor, vector.Weight, 3);
        Assert.Contains("down-weighted", vector.Reason, StringComparison.Ordinal);
        Assert.Equal(options.KeywordWeight, keyword.Weight);
        Assert.DoesNotContain("down-weighted", keyword.Reason, StringComparison.Ordinal);
        Assert.Equal(KnowledgeBase.Expenses.Id, result.Passages[0].DocumentId);
    }

    [Fact]
    public async Task ByDefaultAChineseQuestionIsAnsweredByTheKeywordRouteAlone()
    {
        // Arrange
        var retriever = _kb.Engine.Retriever(new RetrievalOptions());

        // Act
        var result = await retriever.RetrieveAsync("差旅费用报销要在多少天内提交？");

        // Assert
        var route = Assert.Single(result.Routes);
        Assert.Equal(HybridRetriever.KeywordRoute, route.Name);
        Assert.Equal(KnowledgeBase.Expenses.Id, result.Passages[0].DocumentId);
    }

    [Fact]
    public async Task RetrievedSiblingChunksOfOneSectionBecomeOnePassageSpanningThem()
    {
        // Arrange
        var siblings = _kb.Engine.Index.Catalog.GetChunksOfParent(IndexedKnowledgeBase.BadgeSection);
        Assert.True(siblings.Count >= 3, $"the badge section was cut into {siblings.Count} chunks; the test needs several");
        var retriever = _kb.Engine.Retriever(new RetrievalOptions { ContextTokens = 4000 });

        // Act
        var result = await retriever.RetrieveAsync("What happens when I lose my access badge, and what does a replacement badge cost?");

        // Assert
        var passage = Assert.Single(result.Passages, p => p.DocumentId == IndexedKnowledgeBase.Badge.Id);
        Assert.Equal(IndexedKnowledgeBase.BadgeSection, passage.Id);
        Assert.True(passage.ChunkIds.Count >= 2);
        var covered = siblings.Where(s => passage.ChunkIds.Contains(s.Chunk.Id)).ToList();
        var section = IndexedKnowledgeBase.Badge.Sections[0].Text;
        Assert.Equal(section[covered.Min(c => c.Start)..covered.Max(c => c.End)], passage.Text);
        Assert.All(covered, c => Assert.Contains(c.Chunk.Text, passage.Text, StringComparison.Ordinal));
        Assert.Equal(passage.ChunkIds.Count, passage.ChunkIds.Distinct().Count());
    }

    [Theory]
    [InlineData(100)]
    [InlineData(150)]
    [InlineData(300)]
    public async Task PassagesStayWithinTheContextBudget(int contextTokens)
    {
        // Arrange
        var retriever = _kb.Engine.Retriever(new RetrievalOptions { ContextTokens = contextTokens });

        // Act
        var result = await retriever.RetrieveAsync("What happens when I lose my access badge, and how much is the meal allowance?");

        // Assert
        Assert.NotEmpty(result.Passages);
        var used = result.Passages.Sum(p => SharedModel.Tokens.CountTokens(p.Text));
        Assert.True(used <= contextTokens, $"{used} tokens in {result.Passages.Count} passages; the budget is {contextTokens}");
    }

    [Fact]
    public async Task TheConfiguredRerankerReordersTheHeadOfTheFusedList()
    {
        // Arrange
        var question = "What portal address do I enter in GlobalProtect?";
        var fused = await _kb.Engine.Retriever().RankAsync(question, new RetrievalOptions());
        var reranker = new ReversingReranker(RerankerKind.Llm);
        var options = new RetrievalOptions { Reranker = RerankerKind.Llm, RerankDepth = 3 };

        // Act
        var reranked = await _kb.Engine.Retriever(options, reranker: reranker).RankAsync(question, options);

        // Assert
        Assert.Equal(1, reranker.Calls);
        Assert.Equal(fused.Hits.Take(3).Reverse().Select(h => h.ChunkId), reranked.Hits.Take(3).Select(h => h.ChunkId));
        Assert.Equal(fused.Hits.Skip(3).Select(h => h.ChunkId), reranked.Hits.Skip(3).Select(h => h.ChunkId));
    }

    [Fact]
    public async Task NoRerankerRunsWhenNoneIsConfigured()
    {
        // Arrange
        var reranker = new ReversingReranker(RerankerKind.Llm);
        var options = new RetrievalOptions();

        // Act
        await _kb.Engine.Retriever(options, reranker: reranker).RankAsync("What portal address do I enter in GlobalProtect?", options);

        // Assert
        Assert.Equal(0, reranker.Calls);
    }
}
