using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>
/// The Bot host exactly as shipped (real MiniLM, Lucene, SQLite; nothing replaced), with its index in
/// <paramref name="indexPath"/> and the fixture knowledge base as the samples it seeds an empty index from.
/// </summary>
/// <param name="settings">Further settings (e.g. Redis:Configuration), or null.</param>
/// <param name="services">Replacements of services (e.g. a scripted IChatClient), or null.</param>
public sealed class RealEngineApp(string indexPath, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    /// <summary>tests/Bot.Tests/EndToEnd/Fixtures/kb as copied next to the test binaries.</summary>
    public static string KnowledgeBase { get; } = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Fixtures", "kb");

    /// <summary>A client of the app, returned once /readyz says the fixture knowledge base is indexed (at most 3 minutes).</summary>
    public async Task<HttpClient> CreateReadyClientAsync()
    {
        var client = CreateClient();
        client.Timeout = TimeSpan.FromMinutes(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while ((await client.GetAsync(new Uri("/readyz", UriKind.Relative), timeout.Token)).StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            await Task.Delay(100, timeout.Token);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Rag:IndexPath", indexPath);
        builder.UseSetting("Rag:SamplesPath", KnowledgeBase);
        // Tests ask many questions as one user within a minute; the fair-use tests set their own allowances.
        builder.UseSetting("FairUse:PerUserPerMinute", "100000");
        builder.UseSetting("FairUse:PerConversationPerMinute", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
