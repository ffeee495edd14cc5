using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.Playground;

/// <summary>The real Bot host with the engine replaced by <see cref="ScriptedAssistant"/> and <see cref="ScriptedFeedbackStore"/>.</summary>
public sealed class PlaygroundAppFactory : ScriptedEngineApp
{
    public PlaygroundAppFactory()
        : this(new ScriptedAssistant())
    {
    }

    private PlaygroundAppFactory(ScriptedAssistant assistant)
        : base(assistant) => Assistant = assistant;

    internal ScriptedAssistant Assistant { get; }
}
