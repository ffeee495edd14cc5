using Assistant.Rag.Indexes;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Graph;

/// <summary>Registers the knowledge-graph route.</summary>
public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GraphRoute"/> as an <see cref="IStructuredRoute"/> with options from the "Graph" section, validated at
    /// start, unless Graph:Enabled is false; with no import file it answers from the embedded Fernhill Labs company graph.
    /// </summary>
    public static IServiceCollection AddGraph(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GraphOptions>().Bind(configuration.GetSection(GraphOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (!configuration.GetSection(GraphOptions.SectionName).GetValue(nameof(GraphOptions.Enabled), true))
        {
            return services;
        }

        services.AddSingleton(sp => new GraphRoute(
            sp.GetRequiredService<IOptions<GraphOptions>>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<ILogger<GraphRoute>>(),
            contentRoot,
            sp.GetRequiredService<KnowledgeIndex>()));
        services.AddSingleton<IStructuredRoute>(sp => sp.GetRequiredService<GraphRoute>());
        return services;
    }
}
