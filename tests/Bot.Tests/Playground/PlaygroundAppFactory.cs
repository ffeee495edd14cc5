using Assistant.Rag;
using Assistant.Rag.Feedback;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assistant.Bot.Tests.Playground;

/// <summary>The real Bot host with the engine replaced by <see cref="ScriptedAssistant"/> and <see cref="ScriptedFeedbackStore"/>.</summary>
public sealed class PlaygroundAppFactory : WebApplicationFactory<Program>
{
    internal ScriptedAssistant Assistant { get; } = new();

    internal ScriptedFeedbackStore Feedback { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IAssistant>();
            services.RemoveAll<IFeedbackStore>();
            services.AddSingleton<IAssistant>(Assistant);
            services.AddSingleton<IFeedbackStore>(Feedback);
        });
    }
}
