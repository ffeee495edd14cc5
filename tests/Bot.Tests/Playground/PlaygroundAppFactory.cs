using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.Playground;

/// <summary>The real Bot host with the engine replaced by <see cref="ScriptedAssistant"/> and <see cref="ScriptedFeedbackStore"/>.</summary>
public sealed class PlaygroundAppFactory : ScriptedEngineApp
{
    public PlaygroundAppFactory()
        : this(new ScriptedAssistant(), null)
    {
    }

    /// <summary>A factory with further settings (a fixture needs the one parameterless constructor above).</summary>
    internal static PlaygroundAppFactory With(IReadOnlyDictionary<string, string?> settings) => new(new ScriptedAssistant(), settings);

    /// <summary>A factory with further service registrations (e.g. a structured route to teach).</summary>
    internal static PlaygroundAppFactory WithServices(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> services) => new(new ScriptedAssistant(), null, services);

    private PlaygroundAppFactory(ScriptedAssistant assistant, IReadOnlyDictionary<string, string?>? settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
        : base(assistant, settings, services) => Assistant = assistant;

    internal ScriptedAssistant Assistant { get; }
}
