using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Query;

/// <summary>Registers the follow-up rewrite (by the LLM when an <see cref="IChatClient"/> is registered, by rules when not) and the conversation step.</summary>
internal static class QueryServiceCollectionExtensions
{
    public static IServiceCollection AddFollowUpRewriting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RewriteOptions>().Bind(configuration.GetSection(RewriteOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RuleBasedQuestionRewriter>();
        services.AddSingleton<IQuestionRewriter>(sp => sp.GetService<IChatClient>() is { } chat
            ? new LlmQuestionRewriter(chat, sp.GetRequiredService<RuleBasedQuestionRewriter>(), sp.GetRequiredService<IOptionsMonitor<RewriteOptions>>(), sp.GetRequiredService<ILogger<LlmQuestionRewriter>>())
            : sp.GetRequiredService<RuleBasedQuestionRewriter>());
        services.AddSingleton<QuestionContextualizer>();
        return services;
    }
}
