using Assistant.Rag.Llm;
using Assistant.Rag.Query;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Rag.Routing;

/// <summary>Registers the routes, the intent router and query expansion (part of <see cref="ServiceCollectionExtensions.AddRag"/>).</summary>
internal static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the vector and keyword routes, the route runner, the intent router (the LLM router over the embedded one when
    /// an LLM is configured, the embedded router otherwise), query expansion and <see cref="RouteFusion"/>.
    /// Later routes (graph, sql) register themselves as <see cref="IRetrievalRoute"/>.
    /// </summary>
    public static IServiceCollection AddRagRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueryExpansionOptions>().Bind(configuration.GetSection(QueryExpansionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IRetrievalRoute, DenseVectorRoute>();
        services.AddSingleton<IRetrievalRoute, Bm25KeywordRoute>();
        services.AddSingleton<RouteRunner>();
        services.AddLlmOrEmbedded<IIntentRouter, LlmIntentRouter, EmbeddedIntentRouter>();
        services.AddSingleton<QueryExpander>();
        services.AddSingleton<RouteFusion>();
        return services;
    }
}
