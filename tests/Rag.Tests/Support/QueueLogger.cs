using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Assistant.Rag.Tests.Support;

/// <summary>The logger of <see cref="QueueLoggerProvider"/>.</summary>
internal sealed class QueueLogger(ConcurrentQueue<string> log) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        log.Enqueue($"{formatter(state, exception)} {exception}");
}
