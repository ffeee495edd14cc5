using Assistant.Bot.Hosting;
using Assistant.Bot.Tests.TestSupport;
using Assistant.Rag;
using Assistant.Rag.Feedback;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Assistant.Bot.Tests.Playground;

/// <summary>The real Bot host with the engine replaced by <see cref="ScriptedAssistant"/> and <see cref="ScriptedFeedbackStore"/>.</summary>
/// <remarks>
/// The index bootstrap is removed (the scripted engine needs no index, and loading MiniLM for every factory is slow),
/// and the index path points at a folder of this factory's own: several factories run at once, and a shared
/// Bot/data/index made them fight over Lucene's write lock.
/// </remarks>
public sealed class PlaygroundAppFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _index = new();

    internal ScriptedAssistant Assistant { get; } = new();

    internal ScriptedFeedbackStore Feedback { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Rag:IndexPath", _index.Path);
        builder.UseSetting("Rag:SamplesPath", string.Empty);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IAssistant>();
            services.RemoveAll<IFeedbackStore>();
            services.AddSingleton<IAssistant>(Assistant);
            services.AddSingleton<IFeedbackStore>(Feedback);
            var bootstrap = services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(IndexBootstrapService));
            services.Remove(bootstrap);
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
