using Assistant.Rag.Embeddings;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Llm;

/// <summary>Token figures of a call: the endpoint's usage when it reports one, an estimate with the local tokenizer when not.</summary>
internal static class LlmTokens
{
    /// <summary>Estimated prompt tokens: each message's text plus a few for its role and framing.</summary>
    public static int Prompt(ITokenCounter tokens, IEnumerable<ChatMessage> messages) => messages.Sum(m => tokens.CountTokens(m.Text) + 4);

    /// <summary>Input and output tokens of <paramref name="response"/>, reported or estimated.</summary>
    public static (long Input, long Output) Of(ITokenCounter tokens, IEnumerable<ChatMessage> messages, ChatResponse response) => (
        response.Usage?.InputTokenCount is { } input and > 0 ? input : Prompt(tokens, messages),
        response.Usage?.OutputTokenCount is { } output and > 0 ? output : tokens.CountTokens(response.Text));
}
