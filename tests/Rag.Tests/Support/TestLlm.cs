using Assistant.Rag.Generation;
using Assistant.Rag.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Rag.Tests.Support;

/// <summary>The product's LLM call policy over a scripted (or HTTP) chat client, as AddRag builds it; or no LLM at all.</summary>
internal static class TestLlm
{
    /// <summary>The LLM settings tests use unless they say otherwise: an endpoint and a model, the product's defaults for the rest.</summary>
    public static LlmOptions Options(int timeoutSeconds = 20, int maxRetries = 2) =>
        new() { Endpoint = "http://llm.test/v1", Model = "test-model", TimeoutSeconds = timeoutSeconds, MaxRetries = maxRetries };

    /// <summary>The call policy over <paramref name="chat"/>; null means no LLM is configured.</summary>
    public static ILlmCalls Calls(IChatClient? chat, LlmOptions? options = null, ILoggerFactory? logs = null, TimeProvider? time = null) =>
        chat is null
            ? NoLlmCalls.Instance
            : new LlmCalls(chat, SharedModel.Tokens, new FixedOptions<LlmOptions>(options ?? Options()), time ?? TimeProvider.System, (logs ?? NullLoggerFactory.Instance).CreateLogger<LlmCalls>());
}
