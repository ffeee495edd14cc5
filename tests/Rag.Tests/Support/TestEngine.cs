using Assistant.Rag.Embeddings;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Memory;
using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// The engine's real objects over one index folder, wired as <c>AddRag</c> wires them: catalog, int8 vector index,
/// Lucene keyword index, ingestion pipeline, hybrid retriever and the engine with the extractive generator.
/// Disposing releases the Lucene lock, so the folder can be opened again by a new instance (a "restart").
/// </summary>
internal sealed class TestEngine : IDisposable
{
    private TestEngine(string folder, IEmbeddingGenerator<string, Embedding<float>> embedder, ChunkingOptions chunking, HypotheticalQuestionGenerator? questions)
    {
        Folder = folder;
        Embedder = embedder;
        Chunking = chunking;
        var catalog = new ChunkCatalog(Path.Combine(folder, "catalog.db"));
        var vectorFolder = Path.Combine(folder, "vectors");
        var vectors = KnowledgeIndex.OpenDerived(vectorFolder, () => new Int8FlatVectorIndex(vectorFolder, MiniLmModel.Dimensions), NullLogger<KnowledgeIndex>.Instance);
        var keywordFolder = Path.Combine(folder, "keywords");
        var keywords = KnowledgeIndex.OpenDerived(keywordFolder, () => new LuceneKeywordIndex(keywordFolder), NullLogger<KnowledgeIndex>.Instance);
        Index = new KnowledgeIndex(folder, catalog, vectors, keywords, NullLogger<KnowledgeIndex>.Instance);
        var chunker = new TextChunker(SharedModel.Tokens, chunking);
        Pipeline = new IngestionPipeline(Index, chunker, embedder, TimeProvider.System, NullLogger<IngestionPipeline>.Instance, new SemanticChunker(chunker, embedder, chunking), questions);
    }

    public string Folder { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Embedder { get; }

    public ChunkingOptions Chunking { get; }

    public KnowledgeIndex Index { get; }

    public IngestionPipeline Pipeline { get; }

    /// <summary>
    /// Opens the folder (rebuilding derived indexes if they lag the catalog), as the host does at start. With
    /// <paramref name="questions"/> ingestion writes hypothetical questions as that generator is set.
    /// </summary>
    public static async Task<TestEngine> OpenAsync(string folder, IEmbeddingGenerator<string, Embedding<float>>? embedder = null, ChunkingOptions? chunking = null, HypotheticalQuestionGenerator? questions = null)
    {
        var engine = new TestEngine(folder, embedder ?? SharedModel.Embedder, chunking ?? new ChunkingOptions(), questions);
        await engine.Index.OpenAsync();
        engine.Index.MarkReady();
        return engine;
    }

    /// <summary>
    /// A retriever over this index; <paramref name="embedder"/> replaces the engine's generator for questions. Without a
    /// <paramref name="router"/> it is unrouted (vector and keyword for every question, as before routing); with one it
    /// routes among the vector and keyword routes plus <paramref name="extraRoutes"/>. <paramref name="reranker"/> is
    /// registered as its second stage, <paramref name="feedback"/> applies what votes taught.
    /// </summary>
    public HybridRetriever Retriever(
        RetrievalOptions? options = null,
        IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
        IIntentRouter? router = null,
        IEnumerable<IRetrievalRoute>? extraRoutes = null,
        RoutingOptions? routing = null,
        QueryExpander? expander = null,
        ILoggerFactory? logs = null,
        IReranker? reranker = null,
        FeedbackLearning? feedback = null)
    {
        embedder ??= Embedder;
        logs ??= NullLoggerFactory.Instance;
        var routes = new RouteFusion(
            [new DenseVectorRoute(Index, embedder), new Bm25KeywordRoute(Index), .. extraRoutes ?? []],
            router ?? FixedIntentRouter.Instance,
            embedder,
            new RouteRunner(TimeProvider.System, logs.CreateLogger<RouteRunner>()),
            new FixedOptions<RoutingOptions>(routing ?? new RoutingOptions { Enabled = router is not null }),
            logs.CreateLogger<RouteFusion>(),
            expander);
        return new HybridRetriever(routes, new PassageAssembler(Index.Catalog, SharedModel.Tokens), new FixedOptions<RetrievalOptions>(options ?? new RetrievalOptions()), reranker is null ? null : [reranker], feedback);
    }

    /// <summary>The engine with the extractive generator; <paramref name="embedder"/> replaces the engine's generator for questions.</summary>
    public AssistantEngine Assistant(AnswerOptions? options = null, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
    {
        var answers = new FixedOptions<AnswerOptions>(options ?? new AnswerOptions());
        return new AssistantEngine(Index, Retriever(embedder: embedder), new ExtractiveAnswerGenerator(new SentenceVectorCache(embedder ?? Embedder, Index.Catalog), answers), answers, TimeProvider.System, NullLogger<AssistantEngine>.Instance);
    }

    /// <summary>
    /// The engine with conversation memory: <paramref name="memory"/> and <paramref name="rewriter"/> (rule-based when
    /// null), logging the conversation step to <paramref name="logger"/>.
    /// </summary>
    public AssistantEngine Conversational(IConversationMemory memory, IQuestionRewriter? rewriter = null, ILogger<QuestionContextualizer>? logger = null, IAnswerGenerator? generator = null)
    {
        var answers = new FixedOptions<AnswerOptions>(new AnswerOptions());
        var conversation = new QuestionContextualizer(memory, rewriter ?? new RuleBasedQuestionRewriter(), new FixedOptions<MemoryOptions>(new MemoryOptions()), logger ?? NullLogger<QuestionContextualizer>.Instance);
        return new AssistantEngine(Index, Retriever(), generator ?? new ExtractiveAnswerGenerator(new SentenceVectorCache(Embedder, Index.Catalog), answers), answers, TimeProvider.System, NullLogger<AssistantEngine>.Instance, conversation);
    }

    /// <summary>An in-process conversation store on the real clock.</summary>
    public static InProcessConversationMemory InProcessMemory(MemoryOptions? options = null)
    {
        var fixedOptions = new FixedOptions<MemoryOptions>(options ?? new MemoryOptions());
        return new InProcessConversationMemory(new HistoryCompactor(SharedModel.Tokens, fixedOptions, NullLogger<HistoryCompactor>.Instance), fixedOptions, TimeProvider.System);
    }

    public void Dispose() => Index.Dispose();
}
