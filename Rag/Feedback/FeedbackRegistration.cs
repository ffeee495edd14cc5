using Assistant.Rag.Indexes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Rag.Feedback;

/// <summary>
/// Chooses the feedback store (PostgreSQL when <c>ConnectionStrings:Feedback</c> is set, else SQLite next to the index)
/// and wires learning into retrieval. Called from <c>AddRag</c>.
/// </summary>
internal static class FeedbackRegistration
{
    /// <summary>The connection string name.</summary>
    public const string ConnectionStringName = "Feedback";

    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        services.AddOptions<FeedbackOptions>()
            .Bind(configuration.GetSection(FeedbackOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(_ => IsValidConnectionString(connectionString), $"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string.")
            .ValidateOnStart();

        // One instance serves both interfaces: the channels write through IFeedbackStore, learning reads IFeedbackHistory.
        services.AddSingleton<IFeedbackHistory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FeedbackOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return string.IsNullOrWhiteSpace(connectionString)
                ? new SqliteFeedbackStore(Path.Combine(sp.GetRequiredService<IndexFolder>().Path, "feedback.db"), options, time)
                : new PostgresFeedbackStore(connectionString, options, time);
        });
        services.AddSingleton(sp => new FeedbackLearning(
            sp.GetRequiredService<IFeedbackHistory>(),
            sp.GetRequiredService<IOptionsMonitor<FeedbackOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FeedbackLearning>>()));
        services.AddSingleton<IFeedbackStore>(sp => new LearningFeedbackStore((IFeedbackStore)sp.GetRequiredService<IFeedbackHistory>(), sp.GetRequiredService<FeedbackLearning>()));
        return services;
    }

    private static bool IsValidConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return true;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
