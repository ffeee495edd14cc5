using Assistant.Bot.Hosting;
using Assistant.Bot.Tests.Playground;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Assistant.Bot.Tests.Teams;

/// <summary>
/// The real Bot host with Teams configured against <see cref="FakeBotFramework"/> (reached only through the Teams
/// settings, as the real services would be) and the engine replaced by <see cref="ScriptedAssistant"/>.
/// </summary>
public sealed class TeamsAppFactory(
    FakeBotFramework fake,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    private readonly TempFolder _index = new();

    internal ScriptedAssistant Assistant { get; } = new();

    internal ScriptedFeedbackStore Feedback { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Rag:IndexPath", _index.Path);
        builder.UseSetting("Rag:SamplesPath", string.Empty);
        builder.UseSetting("Teams:AppId", FakeBotFramework.AppId);
        builder.UseSetting("Teams:AppPassword", "test-secret");
        builder.UseSetting("Teams:OpenIdMetadataUrl", fake.MetadataUrl);
        builder.UseSetting("Teams:TokenEndpoint", fake.TokenEndpoint);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(collection =>
        {
            collection.RemoveAll<IAssistant>();
            collection.RemoveAll<IFeedbackStore>();
            collection.AddSingleton<IAssistant>(Assistant);
            collection.AddSingleton<IFeedbackStore>(Feedback);
            collection.Remove(collection.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(IndexBootstrapService)));
            services?.Invoke(collection);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _index.Dispose();
        }
    }
}
