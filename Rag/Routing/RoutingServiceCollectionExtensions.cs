using Assistant.Rag.Query;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Routing;

/// <summary>Registers the routes, the intent router and query expansion (part of <see cref="ServiceCollectionExtensions.AddRag"/>).</summary>
internal static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the vector and keyword routes, the route runner, the intent router (the LLM router over the embedded one when
    /// an <see cref="IChatClient"/> is registered, the embedded router otherwise), query expansion and <see cref="RouteFusion"/>.
    /// Later routes (graph, sql) register themselves as <see cref="IRetrievalRoute"/>.
    /// </summary>
    public static IServiceCollection AddRagRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueryExpansionOptions>().Bind(configuration.GetSection(QueryExpansionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IRetrievalRoute, DenseVectorRoute>();
        services.AddSingleton<IRetrievalRoute, Bm25KeywordRoute>();
        services.AddSingleton<RouteRunner>();
        services.AddSingleton(sp => new EmbeddedIntentRouter(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<IOptionsMonitor<RoutingOptions>>(),
            sp.GetRequiredService<ILogger<EmbeddedIntentRouter>>()));
        services.AddSingleton<IIntentRouter>(sp => sp.GetService<IChatClient>() is { } chat
            ? new LlmIntentRouter(chat, sp.GetRequiredService<EmbeddedIntentRouter>(), sp.GetRequiredService<IOptionsMonitor<RoutingOptions>>(), sp.GetRequiredService<ILogger<LlmIntentRouter>>())
            : sp.GetRequiredService<EmbeddedIntentRouter>());
        services.AddSingleton(sp => new QueryExpander(sp.GetService<IChatClient>(), sp.GetRequiredService<ILogger<QueryExpander>>()));
        services.AddSingleton(sp => new RouteFusion(
            sp.GetServices<IRetrievalRoute>(),
            sp.GetRequiredService<IIntentRouter>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<RouteRunner>(),
            sp.GetRequiredService<IOptionsMonitor<RoutingOptions>>(),
            sp.GetRequiredService<ILogger<RouteFusion>>(),
            sp.GetRequiredService<QueryExpander>(),
            sp.GetRequiredService<IOptionsMonitor<QueryExpansionOptions>>()));
        return services;
    }
}
