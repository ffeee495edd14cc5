using Microsoft.Extensions.AI;

namespace Assistant.Rag.Tests.Support;

/// <summary>An <see cref="IChatClient"/> that replies from a script: a text, an exception, or a delay; it records what it was asked.</summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<string>> _reply;

    public ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<string>> reply) => _reply = reply;

    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    /// <summary>The options of each request, in order.</summary>
    public List<ChatOptions?> Options { get; } = [];

    /// <summary>Usage figures reported with every reply, as an endpoint would; null reports none.</summary>
    public UsageDetails? Usage { get; set; }

    public static ScriptedChatClient Replying(string text) => new((_, _) => Task.FromResult(text));

    public static ScriptedChatClient Failing(Exception exception) => new((_, _) => Task.FromException<string>(exception));

    public static ScriptedChatClient Hanging() => new(async (_, token) =>
    {
        await Task.Delay(Timeout.Infinite, token);
        return string.Empty;
    });

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (Requests)
        {
            Requests.Add(list);
            Options.Add(options);
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, await _reply(list, cancellationToken))) { Usage = Usage };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The assistant does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
