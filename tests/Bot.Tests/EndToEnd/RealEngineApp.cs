using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assistant.Bot.Tests.EndToEnd;

/// <summary>
/// The Bot host exactly as shipped (real MiniLM, Lucene, SQLite; nothing replaced), with its index in
/// <paramref name="indexPath"/> and the fixture knowledge base as the samples it seeds an empty index from.
/// </summary>
public sealed class RealEngineApp(string indexPath) : WebApplicationFactory<Program>
{
    /// <summary>tests/Bot.Tests/EndToEnd/Fixtures/kb as copied next to the test binaries.</summary>
    public static string KnowledgeBase { get; } = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Fixtures", "kb");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Rag:IndexPath", indexPath);
        builder.UseSetting("Rag:SamplesPath", KnowledgeBase);
    }
}
