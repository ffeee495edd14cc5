using Microsoft.Extensions.Options;

namespace Assistant.Tests.Shared;

/// <summary>An options monitor that always returns one value: the one test helper for IOptionsMonitor (Options.Create serves IOptions).</summary>
internal sealed class FixedOptions<T> : IOptionsMonitor<T>
{
    public FixedOptions(T value) => CurrentValue = value;

    public T CurrentValue { get; }

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
