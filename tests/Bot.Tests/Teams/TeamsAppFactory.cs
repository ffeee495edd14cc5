using Assistant.Bot.Tests.Playground;
using Assistant.Bot.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Teams;

/// <summary>
/// The real Bot host with Teams configured against <see cref="FakeBotFramework"/> (reached only through the Teams
/// settings, as the real services would be) and the engine replaced by <see cref="ScriptedAssistant"/>.
/// </summary>
public sealed class TeamsAppFactory : ScriptedEngineApp
{
    public TeamsAppFactory(FakeBotFramework fake, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
        : this(new ScriptedAssistant(), fake, settings, services)
    {
    }

    private TeamsAppFactory(ScriptedAssistant assistant, FakeBotFramework fake, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
        : base(assistant, Settings(fake, settings), services) => Assistant = assistant;

    internal ScriptedAssistant Assistant { get; }

    private static Dictionary<string, string?> Settings(FakeBotFramework fake, IReadOnlyDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:OpenIdMetadataUrl"] = fake.MetadataUrl,
            ["Teams:TokenEndpoint"] = fake.TokenEndpoint,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
