using Assistant.Rag.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Generation;

/// <summary>
/// Registers the LLM as an <see cref="IChatClient"/> when "Llm:Endpoint" is set, so every LLM step (answer, follow-up
/// rewrite, memory summaries, routing) uses the same client, with the per-turn token budget enforced. With no endpoint
/// nothing is registered and those steps use their embedded fallbacks.
/// </summary>
internal static class LlmServiceCollectionExtensions
{
    public static IServiceCollection AddLlmConnection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var llm = configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions();
        if (llm.IsConfigured)
        {
            services.AddSingleton<IChatClient>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                return new TokenBudgetChatClient(OpenAiClientFactory.Chat(options), sp.GetRequiredService<ITokenCounter>(), options.MaxOutputTokens);
            });
        }

        return services;
    }
}
