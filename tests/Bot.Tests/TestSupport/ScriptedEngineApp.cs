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

namespace Assistant.Bot.Tests.TestSupport;

/// <summary>
/// The real Bot host with the engine replaced by a scripted <see cref="IAssistant"/> and a <see cref="ScriptedFeedbackStore"/>;
/// each channel's factory adds its own settings and services.
/// </summary>
/// <remarks>
/// The index bootstrap is removed (the scripted engine needs no index, and loading MiniLM for every factory is slow),
/// and the index path points at a folder of this factory's own: several factories run at once, and a shared
/// Bot/data/index made them fight over Lucene's write lock.
/// </remarks>
public abstract class ScriptedEngineApp : WebApplicationFactory<Program>
{
    private readonly TempFolder _index = new();
    private readonly IAssistant _assistant;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="assistant">The engine the host answers with.</param>
    /// <param name="settings">Settings on top of the shipped ones (e.g. a channel's keys), or null.</param>
    /// <param name="services">Further service replacements, or null.</param>
    private protected ScriptedEngineApp(IAssistant assistant, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _assistant = assistant;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
    }

    internal ScriptedFeedbackStore Feedback { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Rag:IndexPath", _index.Path);
        builder.UseSetting("Rag:SamplesPath", string.Empty);
        // Tests ask many questions as one user within a minute; the fair-use tests set their own allowances.
        builder.UseSetting("FairUse:PerUserPerMinute", "100000");
        builder.UseSetting("FairUse:PerConversationPerMinute", "1000000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IAssistant>();
            services.RemoveAll<IFeedbackStore>();
            services.AddSingleton(_assistant);
            services.AddSingleton<IFeedbackStore>(Feedback);
            services.Remove(services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(IndexBootstrapService)));
            _services?.Invoke(services);
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
