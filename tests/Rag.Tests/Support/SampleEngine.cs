using System.Text.Json;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Rag.Tests.Support;

/// <summary>
/// The engine as the host composes it (<c>AddRag</c> with the repository's appsettings.json, no LLM) over samples/kb,
/// indexed once per test class the way the host seeds an empty index: document ids "samples:&lt;relative path&gt;",
/// the relative path as URL. Read-only for the tests that share it.
/// </summary>
public sealed class SampleEngine : IAsyncLifetime, IDisposable
{
    private const string Source = "samples";
    private readonly TempFolder _folder = new();
    private ServiceProvider? _services;

    /// <summary>The repository root (the folder holding Assistant.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>samples/kb.</summary>
    public static string KnowledgeBase { get; } = Path.Combine(RepositoryRoot, "samples", "kb");

    internal IAssistant Assistant => _services!.GetRequiredService<IAssistant>();

    /// <summary>The parsed text of every sample document, by relative path.</summary>
    internal IReadOnlyDictionary<string, string> Texts { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var settings = AppSettingsFile.Flatten(Path.Combine(RepositoryRoot, "appsettings.json"));
        settings["Rag:IndexPath"] = _folder.Path;
        settings["Rag:SamplesPath"] = string.Empty;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRag(configuration, _folder.Path);
        _services = services.BuildServiceProvider();

        var parsers = DocumentParsers.CreateDefault();
        var documents = new List<SourceDocument>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(KnowledgeBase, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(KnowledgeBase, file).Replace('\\', '/');
            await using var stream = File.OpenRead(file);
            var parsed = parsers.Parse(stream, relative);
            var metadata = new Dictionary<string, string>(parsed.Metadata, StringComparer.Ordinal) { ["source"] = Source, ["path"] = relative };
            documents.Add(new SourceDocument($"{Source}:{relative}", parsed.Title, relative, parsed.Sections, metadata));
            texts[relative] = string.Join("\n", parsed.Sections.Select(s => s.Text));
        }

        Texts = texts;
        var index = _services.GetRequiredService<KnowledgeIndex>();
        await index.OpenAsync();
        await _services.GetRequiredService<IngestionPipeline>().IngestAsync(Source, documents);
        index.MarkReady();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _services?.Dispose();
        _folder.Dispose();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Assistant.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Assistant.sln above {AppContext.BaseDirectory}.");
    }
}
