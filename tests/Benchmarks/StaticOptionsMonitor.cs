using Assistant.Rag.Routing;
using Microsoft.Extensions.Options;

namespace Assistant.Benchmarks;

/// <summary>Routing options that never change.</summary>
internal sealed class StaticOptionsMonitor(RoutingOptions value) : IOptionsMonitor<RoutingOptions>
{
    public RoutingOptions CurrentValue => value;

    public RoutingOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<RoutingOptions, string?> listener) => null;
}
