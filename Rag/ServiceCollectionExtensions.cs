using Assistant.Rag.Embeddings;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Llm;
using Assistant.Rag.Memory;
using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Routing;
using Assistant.Rag.Graph;
using Assistant.Rag.Sql;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag;

/// <summary>Registers the question-answering engine.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine with its options bound from <paramref name="configuration"/> and validated at start.
    /// Optional backends (an LLM or embeddings endpoint, Redis) are chosen here and nowhere else.
    /// <paramref name="contentRoot"/> anchors relative paths in the options.
    /// </summary>
    public static IServiceCollection AddRag(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RagOptions>().Bind(configuration.GetSection(RagOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChunkingOptions>().Bind(configuration.GetSection(ChunkingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection(RetrievalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnswerOptions>().Bind(configuration.GetSection(AnswerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddLlmConnection(configuration);
        services.AddOptions<EmbeddingsOptions>().Bind(configuration.GetSection(EmbeddingsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KeywordIndexOptions>().Bind(configuration.GetSection(KeywordIndexOptions.SectionName));
        services.AddOptions<TwoLevelOptions>().Bind(configuration.GetSection(TwoLevelOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITokenCounter, WordPieceTokenCounter>();
        services.AddSingleton(sp => new TextChunker(sp.GetRequiredService<ITokenCounter>(), sp.GetRequiredService<IOptions<ChunkingOptions>>().Value));
        services.AddSingleton(sp => new SemanticChunker(sp.GetRequiredService<TextChunker>(), sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<IOptions<ChunkingOptions>>().Value));
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value;
            if (!options.IsConfigured)
            {
                return new MiniLmEmbeddingGenerator();
            }

            return OpenAiClientFactory.Embeddings(options);
        });

        services.AddSingleton(sp => IndexFolder(sp, contentRoot));
        services.AddSingleton(sp => new ChunkCatalog(Path.Combine(sp.GetRequiredService<IndexFolder>().Path, "catalog.db")));
        // Both indexes are derived from the catalog: damaged files are deleted and rebuilt rather than stopping the host.
        services.AddSingleton<IVectorIndex>(sp =>
        {
            var directory = Path.Combine(sp.GetRequiredService<IndexFolder>().Path, "vectors");
            IVectorIndex flat = KnowledgeIndex.OpenDerived(
                directory,
                () => new Int8FlatVectorIndex(directory, Dimensions(sp), sp.GetService<ILogger<Int8FlatVectorIndex>>()),
                sp.GetRequiredService<ILogger<KnowledgeIndex>>());
            var twoLevel = sp.GetRequiredService<IOptions<TwoLevelOptions>>().Value;
            return twoLevel.Documents == 0 ? flat : TwoLevelVectorIndex.Open(flat, sp.GetRequiredService<ChunkCatalog>(), twoLevel.Documents);
        });
        services.AddSingleton<IKeywordIndex>(sp =>
        {
            var directory = Path.Combine(sp.GetRequiredService<IndexFolder>().Path, "keywords");
            return KnowledgeIndex.OpenDerived(
                directory,
                () => new LuceneKeywordIndex(directory, sp.GetRequiredService<IOptions<KeywordIndexOptions>>().Value, sp.GetService<ILogger<LuceneKeywordIndex>>()),
                sp.GetRequiredService<ILogger<KnowledgeIndex>>());
        });
        services.AddSingleton(sp => new KnowledgeIndex(
            sp.GetRequiredService<IndexFolder>().Path,
            sp.GetRequiredService<ChunkCatalog>(),
            sp.GetRequiredService<IVectorIndex>(),
            sp.GetRequiredService<IKeywordIndex>(),
            sp.GetRequiredService<ILogger<KnowledgeIndex>>()));
        // Access checks by document id (conversation memory); searches filter inside the indexes.
        services.AddSingleton<Access.DocumentAccess>();
        // Index-time HyDE: off unless Rag:Ingestion:HypotheticalQuestions is above 0 and an LLM is configured.
        services.AddSingleton<HypotheticalQuestionGenerator>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<PassageAssembler>();
        services.AddRagRouting(configuration);

        // Second stage over the LLM; used only when Rag:Retrieval:Reranker is Llm, and keeps the fused order without an LLM.
        services.AddSingleton<IReranker, LlmListwiseReranker>();
        services.AddSingleton<HybridRetriever>();
        services.AddSingleton<SentenceVectorCache>();
        services.AddLlmOrEmbedded<IAnswerGenerator, LlmAnswerGenerator, ExtractiveAnswerGenerator>();
        services.AddSingleton<IAssistant, AssistantEngine>();
        services.AddFeedback(configuration);
        services.AddConversationMemory(configuration);
        services.AddFollowUpRewriting(configuration);
        services.AddSql(configuration, contentRoot);
        services.AddGraph(configuration, contentRoot);
        return services;
    }


    private static IndexFolder IndexFolder(IServiceProvider services, string contentRoot)
    {
        var options = services.GetRequiredService<IOptions<RagOptions>>().Value;
        var path = Path.GetFullPath(Path.Combine(contentRoot, options.IndexPath));
        Directory.CreateDirectory(path);
        return new IndexFolder(path);
    }

    private static int Dimensions(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EmbeddingsOptions>>().Value;
        return options.IsConfigured ? options.Dimensions : MiniLmModel.Dimensions;
    }
}
