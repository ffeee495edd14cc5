using Assistant.Rag.Feedback;
using Assistant.Rag.Indexes;
using Assistant.Rag.Llm;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Sql;

/// <summary>Registers the SQL route.</summary>
public static class SqlServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SqlRoute"/> as an <see cref="IStructuredRoute"/> with options from the "Sql" section, validated at
    /// start; with no databases configured it answers from the embedded sample database.
    /// </summary>
    public static IServiceCollection AddSql(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SqlOptions>().Bind(configuration.GetSection(SqlOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SqlRoute(
            sp.GetRequiredService<IOptions<SqlOptions>>(),
            sp.GetRequiredService<IndexFolder>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<ILlmCalls>(),
            sp.GetRequiredService<IFeedbackHistory>(),
            sp.GetRequiredService<IOptions<FeedbackOptions>>(),
            sp.GetRequiredService<ILogger<SqlRoute>>(),
            contentRoot));
        services.AddSingleton<IStructuredRoute>(sp => sp.GetRequiredService<SqlRoute>());
        services.AddHostedService<SqlSchemaRefresher>();
        return services;
    }
}
