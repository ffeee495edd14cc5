using Assistant.Rag.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Llm;

/// <summary>
/// Registers the LLM connection (an <see cref="IChatClient"/>, when "Llm:Endpoint" is set) and the one call policy
/// every LLM step goes through (<see cref="ILlmCalls"/>). With no chat client registered the policy is
/// <see cref="NoLlmCalls"/> and every step takes its embedded path; a host or a test may register its own
/// <see cref="IChatClient"/> and the policy wraps that.
/// </summary>
internal static class LlmServiceCollectionExtensions
{
    public static IServiceCollection AddLlmConnection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var llm = configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions();
        if (llm.IsConfigured)
        {
            services.AddSingleton(sp => OpenAiClientFactory.Chat(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        }

        // The one place "is there an LLM" is decided: whether anyone registered a chat client.
        services.AddSingleton<ILlmCalls>(sp => sp.GetService<IChatClient>() is { } connection
            ? ActivatorUtilities.CreateInstance<LlmCalls>(sp, connection)
            : NoLlmCalls.Instance);
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TService"/> as <typeparamref name="TLlm"/> when an LLM is configured and as
    /// <typeparamref name="TEmbedded"/> when not; both are registered by type, so the LLM step gets its embedded
    /// fallback from the container.
    /// </summary>
    public static IServiceCollection AddLlmOrEmbedded<TService, TLlm, TEmbedded>(this IServiceCollection services)
        where TService : class
        where TLlm : class, TService
        where TEmbedded : class, TService
    {
        services.TryAddSingleton<TLlm>();
        services.TryAddSingleton<TEmbedded>();
        services.AddSingleton<TService>(sp => sp.GetRequiredService<ILlmCalls>().IsAvailable ? sp.GetRequiredService<TLlm>() : sp.GetRequiredService<TEmbedded>());
        return services;
    }
}
