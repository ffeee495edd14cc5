using Assistant.Bot.Tests.Playground;
using Assistant.Bot.Tests.Slack;
using Assistant.Bot.Tests.Teams;
using Assistant.Bot.Tests.TestSupport;

namespace Assistant.Bot.Tests.Probe;

/// <summary>
/// The real host with every front end on at once: Teams against <see cref="FakeBotFramework"/>, Slack against
/// <see cref="FakeSlackApi"/>, and the playground (enabled explicitly, as a deployment with channels would need);
/// the engine scripted.
/// </summary>
public sealed class ProbeAppFactory : ScriptedEngineApp
{
    internal ProbeAppFactory(FakeBotFramework teams, FakeSlackApi slack)
        : this(new ScriptedAssistant(), teams, slack)
    {
    }

    private ProbeAppFactory(ScriptedAssistant assistant, FakeBotFramework teams, FakeSlackApi slack)
        : base(assistant, new Dictionary<string, string?>
        {
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:OpenIdMetadataUrl"] = teams.MetadataUrl,
            ["Teams:TokenEndpoint"] = teams.TokenEndpoint,
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = SlackAppFactory.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Playground:Enabled"] = "true",

            // The probe sends bursts from one client; fair use has tests of its own.
            ["FairUse:PerUserPerMinute"] = "100000",
            ["FairUse:PerConversationPerMinute"] = "100000",
        }) => Assistant = assistant;

    internal ScriptedAssistant Assistant { get; }
}
