using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Assistant.Rag.Memory;

/// <summary>Chooses the conversation memory and the de-duplicator: Redis when "Redis:Configuration" is set, in-process when not.</summary>
internal static class MemoryServiceCollectionExtensions
{
    public static IServiceCollection AddConversationMemory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MemoryOptions>().Bind(configuration.GetSection(MemoryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HistoryCompactor>();

        var redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (!redis.IsConfigured)
        {
            services.AddSingleton<IConversationMemory, InProcessConversationMemory>();
            services.AddSingleton<IDeduplicator, InProcessDeduplicator>();
            return services;
        }

        // One multiplexer for the process, as StackExchange.Redis intends; created on first use so a bad setting
        // is reported by options validation first.
        services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnection.Connect(
            sp.GetRequiredService<IOptions<RedisOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisConnection).FullName!)));
        services.AddSingleton<IConversationMemory, RedisConversationMemory>();
        services.AddSingleton<IDeduplicator, RedisDeduplicator>();
        return services;
    }
}
