using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Tests.Support;

/// <summary>A logger provider that writes every message (and its exception) of every category into one queue.</summary>
internal sealed class QueueLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new QueueLogger(log);

    public void Dispose()
    {
    }
}
