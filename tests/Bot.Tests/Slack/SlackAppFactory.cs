using Assistant.Bot.Tests.Playground;
using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.Slack;

/// <summary>
/// The real Bot host with Slack configured (test signing secret, a bot token, the Web API at the given address)
/// and the engine scripted, as in <see cref="PlaygroundAppFactory"/>.
/// </summary>
public sealed class SlackAppFactory : ScriptedEngineApp
{
    public const string BotToken = "xoxb-test-token";

    public SlackAppFactory(string apiBaseUrl)
        : this(apiBaseUrl, new GatedAssistant(new ScriptedAssistant()))
    {
    }

    private SlackAppFactory(string apiBaseUrl, GatedAssistant assistant)
        : base(assistant, new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = apiBaseUrl,
        }) => Assistant = assistant;

    internal GatedAssistant Assistant { get; }
}
