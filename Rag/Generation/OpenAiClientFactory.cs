using System.ClientModel;
using System.ClientModel.Primitives;
using Assistant.Rag.Embeddings;
using Microsoft.Extensions.AI;
using OpenAI;

// The constructors that take an AuthenticationPolicy are marked experimental (OPENAI001); they are the client's own way
// to send a key in another header, which Azure OpenAI's "api-key" needs.
#pragma warning disable OPENAI001

namespace Assistant.Rag.Generation;

/// <summary>
/// The one place the chat and embeddings endpoints are built, on the official OpenAI .NET client: OpenAI and any
/// OpenAI-compatible server with a Bearer key, Azure OpenAI's v1 API with its "api-key" header. Keys only ever go into
/// the request header. The chat client makes one attempt per call: timeouts and retries are the LLM call policy's
/// (<see cref="Llm.RetryingChatClient"/>), so that they are counted, logged and bounded by the step's deadline in one place.
/// </summary>
internal static class OpenAiClientFactory
{
    /// <summary>The chat client for <paramref name="options"/> (which must be configured).</summary>
    public static IChatClient Chat(LlmOptions options) =>
        new OpenAI.Chat.ChatClient(options.Model, Authentication(options.Provider, options.ApiKey), ClientOptions(options.Provider, options.Endpoint, NetworkBackstopSeconds(options), maxRetries: 0))
            .AsIChatClient();

    /// <summary>The embedding generator for <paramref name="options"/> (which must be configured).</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Embeddings(EmbeddingsOptions options) =>
        new OpenAI.Embeddings.EmbeddingClient(options.Model, Authentication(options.Provider, options.ApiKey), ClientOptions(options.Provider, options.Endpoint, timeoutSeconds: 60, maxRetries: 2))
            .AsIEmbeddingGenerator(options.Dimensions);

    /// <summary>The base URL the client calls: Azure resource URLs get "/openai/v1" when they lack it.</summary>
    public static Uri BaseUrl(LlmProvider provider, string endpoint)
    {
        var url = endpoint.TrimEnd('/');
        if (provider == LlmProvider.AzureOpenAI && !url.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
        {
            url += "/openai/v1";
        }

        return new Uri(url);
    }

    // The policy times each attempt out after Llm:TimeoutSeconds; the connector's own timeout only backs that up.
    private static int NetworkBackstopSeconds(LlmOptions options) => (options.TimeoutSeconds * 2) + 5;

    private static OpenAIClientOptions ClientOptions(LlmProvider provider, string endpoint, int timeoutSeconds, int maxRetries) => new()
    {
        Endpoint = BaseUrl(provider, endpoint),
        NetworkTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        RetryPolicy = new ClientRetryPolicy(maxRetries),
    };

    // Local OpenAI-compatible servers (Ollama, vLLM) take no key, but the client insists on one.
    private static AuthenticationPolicy Authentication(LlmProvider provider, string key)
    {
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(key) ? "none" : key);
        return provider == LlmProvider.AzureOpenAI
            ? ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(credential, "api-key")
            : ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(credential);
    }
}
