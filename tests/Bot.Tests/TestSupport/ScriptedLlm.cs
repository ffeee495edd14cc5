using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Assistant.Bot.Tests.TestSupport;

/// <summary>
/// A scripted chat model for the whole app: it tells the engine's prompts apart by their system message. The follow-up
/// rewrite gets the standalone question scripted for the latest message; an answer cites source [1] with its title;
/// anything else (a memory summary) gets a fixed line. It records every prompt.
/// </summary>
internal sealed class ScriptedLlm(IReadOnlyDictionary<string, string> rewrites) : IChatClient
{
    public ConcurrentQueue<IReadOnlyList<ChatMessage>> Prompts { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Prompts.Enqueue(list);
        var system = list[0].Text;
        var user = list[^1].Text;
        string reply;
        if (system.Contains("standalone search question", StringComparison.Ordinal))
        {
            var latest = user.Split('\n').Single(line => line.StartsWith("Latest message: ", StringComparison.Ordinal))["Latest message: ".Length..];
            reply = rewrites.TryGetValue(latest, out var rewrite) ? rewrite : latest;
        }
        else if (system.Contains("numbered sources", StringComparison.Ordinal))
        {
            var title = user.Split('\n').First(line => line.StartsWith("[1] ", StringComparison.Ordinal))["[1] ".Length..];
            reply = $"According to \"{title}\": see the source [1].";
        }
        else
        {
            reply = "Earlier turns summarised.";
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The assistant does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
