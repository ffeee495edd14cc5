using System.Text.Json;
using Assistant.Rag;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Retrieval;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Benchmarks;

/// <summary>
/// One engine turn without an LLM over samples/kb, as the host composes it (<c>AddRag</c> with the repository's
/// appsettings.json), cycling through the questions of samples/eval/answers in one language. <see cref="Turn"/> is the
/// whole <see cref="IAssistant.AnswerAsync"/> (memory, contextualise, routing, routes, fusion, passages, answer,
/// memory again); <see cref="Retrieve"/> is retrieval alone and <see cref="Generate"/> the extractive answer alone, over
/// retrievals made in the setup, so the three together show where a turn's time goes.
/// </summary>
/// <remarks>
/// The index is built once, in a temporary folder, by the ingestion pipeline (a minute or two); the setup then answers
/// every question once, so the figures are those of a warm engine.
/// Run: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*EngineTurn*'</c>.
/// </remarks>
[Config(typeof(EngineTurnConfig))]
[MemoryDiagnoser]
public class EngineTurnBenchmarks : IDisposable
{
    private string _folder = string.Empty;
    private ServiceProvider? _services;
    private IAssistant? _assistant;
    private HybridRetriever? _retriever;
    private ExtractiveAnswerGenerator? _generator;
    private string[] _questions = [];
    private RetrievalResult[] _retrievals = [];
    private int _next;

    [Params("en", "cjk")]
    public string Questions { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot();
        _folder = Path.Combine(Path.GetTempPath(), "engine-turn-" + Guid.NewGuid().ToString("N"));
        var settings = AppSettingsFile.Flatten(Path.Combine(root, "appsettings.json"));
        settings["Rag:IndexPath"] = _folder;
        settings["Rag:SamplesPath"] = string.Empty;
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddRag(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _folder);
        _services = services.BuildServiceProvider();
        Index(Path.Combine(root, "samples", "kb")).GetAwaiter().GetResult();

        _assistant = _services.GetRequiredService<IAssistant>();
        _retriever = _services.GetRequiredService<HybridRetriever>();
        _generator = _services.GetRequiredService<ExtractiveAnswerGenerator>();
        _questions = [.. File.ReadLines(Path.Combine(root, "samples", "eval", "answers", $"questions-{Questions}.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("question").GetString()!)];
        _retrievals = [.. _questions.Select(q => _retriever.RetrieveAsync(q).GetAwaiter().GetResult())];
        foreach (var question in _questions)
        {
            _assistant.AnswerAsync(new Turn("bench", Guid.NewGuid().ToString("N"), "bench", question)).GetAwaiter().GetResult();
        }
    }

    /// <summary>A whole turn, each in a new conversation.</summary>
    [Benchmark(Baseline = true)]
    public Task<Answer> Turn() =>
        _assistant!.AnswerAsync(new Turn("bench", Guid.NewGuid().ToString("N"), "bench", _questions[_next++ % _questions.Length]));

    /// <summary>Retrieval alone: question embedding, routing, the routes, fusion, feedback, passage assembly.</summary>
    [Benchmark]
    public Task<RetrievalResult> Retrieve() => _retriever!.RetrieveAsync(_questions[_next++ % _questions.Length]);

    /// <summary>The extractive answer alone, over a retrieval made in the setup.</summary>
    [Benchmark]
    public Task<AnswerDraft> Generate()
    {
        var i = _next++ % _questions.Length;
        return _generator!.GenerateAsync(_questions[i], _retrievals[i]);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services?.Dispose();
        _services = null;
        if (_folder.Length > 0 && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private async Task Index(string knowledgeBase)
    {
        var parsers = DocumentParsers.CreateDefault();
        var documents = new List<SourceDocument>();
        foreach (var file in Directory.EnumerateFiles(knowledgeBase, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(knowledgeBase, file).Replace('\\', '/');
            await using var stream = File.OpenRead(file);
            var parsed = parsers.Parse(stream, relative);
            var metadata = new Dictionary<string, string>(parsed.Metadata, StringComparer.Ordinal) { ["source"] = "samples", ["path"] = relative };
            documents.Add(new SourceDocument($"samples:{relative}", parsed.Title, relative, parsed.Sections, metadata));
        }

        var index = _services!.GetRequiredService<KnowledgeIndex>();
        await index.OpenAsync().ConfigureAwait(false);
        await _services!.GetRequiredService<IngestionPipeline>().IngestAsync("samples", documents).ConfigureAwait(false);
        index.MarkReady();
    }

    private static string RepositoryRoot()
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
