using Assistant.Bot.Tests.Playground;
using Assistant.Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Telemetry;

/// <summary>The host with a scripted engine, given settings (e.g. Redis at a closed port) and further services.</summary>
internal sealed class ReadinessAppFactory : ScriptedEngineApp
{
    public ReadinessAppFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
        : this(new ScriptedAssistant(), settings, services)
    {
    }

    private ReadinessAppFactory(ScriptedAssistant assistant, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
        : base(assistant, settings, services) => Assistant = assistant;

    public ScriptedAssistant Assistant { get; }
}
