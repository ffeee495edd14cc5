using Assistant.Rag.Embeddings;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Llm;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Memory;
using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// The engine's real objects over one index folder, composed by <c>AddRag</c> (catalog, int8 vector index, Lucene
/// keyword index, chunkers, ingestion pipeline) with the test's embedder, chunking and hypothetical-question writer as
/// overrides; retrievers and engines over that index with the extractive generator. Disposing releases the Lucene lock,
/// so the folder can be opened again by a new instance (a "restart").
/// </summary>
internal sealed class TestEngine : IDisposable
{
    private readonly ServiceProvider _services;

    private TestEngine(string folder, IEmbeddingGenerator<string, Embedding<float>> embedder, ChunkingOptions chunking, HypotheticalQuestionGenerator? questions, Action<IServiceCollection>? overrides)
    {
        Folder = folder;
        Embedder = embedder;
        Chunking = chunking;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Rag:IndexPath"] = folder }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddRag(configuration, folder);
        services.AddSingleton(embedder);
        services.AddSingleton(Options.Create(chunking));
        if (questions is not null)
        {
            services.AddSingleton(questions);
        }

        overrides?.Invoke(services);
        _services = services.BuildServiceProvider();
        Index = _services.GetRequiredService<KnowledgeIndex>();
        Pipeline = _services.GetRequiredService<IngestionPipeline>();
    }

    public string Folder { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Embedder { get; }

    public ChunkingOptions Chunking { get; }

    public KnowledgeIndex Index { get; }

    public IngestionPipeline Pipeline { get; }

    /// <summary>The container AddRag composed (with the overrides), for services the helpers below do not build.</summary>
    public IServiceProvider Services => _services;

    /// <summary>
    /// Opens the folder (rebuilding derived indexes if they lag the catalog), as the host does at start. With
    /// <paramref name="questions"/> ingestion writes hypothetical questions as that generator is set; <paramref name="services"/>
    /// replaces further registrations of AddRag (a scripted <see cref="IChatClient"/>, options).
    /// </summary>
    public static async Task<TestEngine> OpenAsync(string folder, IEmbeddingGenerator<string, Embedding<float>>? embedder = null, ChunkingOptions? chunking = null, HypotheticalQuestionGenerator? questions = null, Action<IServiceCollection>? services = null)
    {
        var engine = new TestEngine(folder, embedder ?? SharedModel.Embedder, chunking ?? new ChunkingOptions(), questions, services);
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
        FeedbackLearning? feedback = null,
        IEnumerable<IStructuredRoute>? structuredRoutes = null)
    {
        embedder ??= Embedder;
        logs ??= NullLoggerFactory.Instance;
        var routes = new RouteFusion(
            [new DenseVectorRoute(Index, embedder), new Bm25KeywordRoute(Index), .. extraRoutes ?? []],
            router ?? FixedIntentRouter.Instance,
            embedder,
            new RouteRunner(TimeProvider.System, logs.CreateLogger<RouteRunner>()),
            expander ?? new QueryExpander(NoLlmCalls.Instance),
            new FixedOptions<RoutingOptions>(routing ?? new RoutingOptions { Enabled = router is not null }),
            new FixedOptions<QueryExpansionOptions>(QueryExpansionOptions.Off),
            logs.CreateLogger<RouteFusion>(),
            structuredRoutes);
        return new HybridRetriever(routes, new PassageAssembler(Index.Catalog, SharedModel.Tokens), new FixedOptions<RetrievalOptions>(options ?? new RetrievalOptions()), reranker is null ? null : [reranker], feedback);
    }

    /// <summary>
    /// The engine with the extractive generator and in-process conversation memory, no LLM; <paramref name="embedder"/>
    /// replaces the engine's generator for questions.
    /// </summary>
    /// <remarks><paramref name="structuredRoutes"/> run beside the text routes (unrouted: every question, weight 1).</remarks>
    public AssistantEngine Assistant(AnswerOptions? options = null, IEmbeddingGenerator<string, Embedding<float>>? embedder = null, IEnumerable<IStructuredRoute>? structuredRoutes = null)
    {
        var answers = new FixedOptions<AnswerOptions>(options ?? new AnswerOptions());
        return new AssistantEngine(Index, Retriever(embedder: embedder, structuredRoutes: structuredRoutes), new ExtractiveAnswerGenerator(new SentenceVectorCache(embedder ?? Embedder, Index.Catalog), answers), Contextualizer(InProcessMemory()), NoLlmCalls.Instance, answers, TimeProvider.System, NullLogger<AssistantEngine>.Instance);
    }

    /// <summary>
    /// The engine with conversation memory: <paramref name="memory"/> and <paramref name="rewriter"/> (rule-based when
    /// null), logging the conversation step to <paramref name="logger"/>.
    /// </summary>
    public AssistantEngine Conversational(IConversationMemory memory, IQuestionRewriter? rewriter = null, ILogger<QuestionContextualizer>? logger = null, IAnswerGenerator? generator = null)
    {
        var answers = new FixedOptions<AnswerOptions>(new AnswerOptions());
        return new AssistantEngine(Index, Retriever(), generator ?? new ExtractiveAnswerGenerator(new SentenceVectorCache(Embedder, Index.Catalog), answers), Contextualizer(memory, rewriter, logger), NoLlmCalls.Instance, answers, TimeProvider.System, NullLogger<AssistantEngine>.Instance);
    }

    /// <summary>An in-process conversation store on the real clock.</summary>
    public static InProcessConversationMemory InProcessMemory(MemoryOptions? options = null)
    {
        var fixedOptions = new FixedOptions<MemoryOptions>(options ?? new MemoryOptions());
        return new InProcessConversationMemory(Compactor(fixedOptions.CurrentValue), fixedOptions, TimeProvider.System);
    }

    /// <summary>The history compactor with <paramref name="options"/>, summarising with <paramref name="llm"/> (dropping old turns without one).</summary>
    public static HistoryCompactor Compactor(MemoryOptions? options = null, ILlmCalls? llm = null, ILogger<HistoryCompactor>? logger = null) =>
        new(SharedModel.Tokens, new FixedOptions<MemoryOptions>(options ?? new MemoryOptions()), llm ?? NoLlmCalls.Instance, logger ?? NullLogger<HistoryCompactor>.Instance);

    private QuestionContextualizer Contextualizer(IConversationMemory memory, IQuestionRewriter? rewriter = null, ILogger<QuestionContextualizer>? logger = null) =>
        new(memory, rewriter ?? new RuleBasedQuestionRewriter(), new FixedOptions<MemoryOptions>(new MemoryOptions()), logger ?? NullLogger<QuestionContextualizer>.Instance, new Assistant.Rag.Access.DocumentAccess(Index));

    public void Dispose() => _services.Dispose();
}
