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

namespace Assistant.Bot.Tests.Slack;

/// <summary>
/// The real Bot host with Slack configured (test signing secret, a bot token, the Web API at <paramref name="apiBaseUrl"/>)
/// and the engine scripted, as in <see cref="PlaygroundAppFactory"/>.
/// </summary>
public sealed class SlackAppFactory(string apiBaseUrl) : WebApplicationFactory<Program>
{
    public const string BotToken = "xoxb-test-token";

    private readonly TempFolder _index = new();

    internal GatedAssistant Assistant { get; } = new(new ScriptedAssistant());

    internal ScriptedFeedbackStore Feedback { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Rag:IndexPath", _index.Path);
        builder.UseSetting("Rag:SamplesPath", string.Empty);
        builder.UseSetting("Slack:SigningSecret", SlackRequests.SigningSecret);
        builder.UseSetting("Slack:BotToken", BotToken);
        builder.UseSetting("Slack:ApiBaseUrl", apiBaseUrl);
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
