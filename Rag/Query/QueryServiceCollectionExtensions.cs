using Assistant.Rag.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Rag.Query;

/// <summary>Registers the follow-up rewrite (by the LLM when one is configured, by rules when not) and the conversation step.</summary>
internal static class QueryServiceCollectionExtensions
{
    public static IServiceCollection AddFollowUpRewriting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RewriteOptions>().Bind(configuration.GetSection(RewriteOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EntityLexiconCache>();
        services.AddLlmOrEmbedded<IQuestionRewriter, LlmQuestionRewriter, RuleBasedQuestionRewriter>();
        services.AddSingleton<QuestionContextualizer>();
        return services;
    }
}
