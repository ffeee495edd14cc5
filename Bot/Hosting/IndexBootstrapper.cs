using Assistant.Connectors.FileSystem;
using Assistant.Rag;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hosting;

/// <summary>
/// Opens the index folder (rebuilding derived indexes if a crash left them behind) and, when the index is empty,
/// indexes the sample knowledge base; then marks the engine ready.
/// </summary>
internal sealed partial class IndexBootstrapper
{
    private readonly KnowledgeIndex _index;
    private readonly FileSystemConnector _folders;
    private readonly IOptions<RagOptions> _options;
    private readonly IHostEnvironment _environment;
    private readonly ILogger _logger;

    public IndexBootstrapper(KnowledgeIndex index, FileSystemConnector folders, IOptions<RagOptions> options, IHostEnvironment environment, ILogger<IndexBootstrapper> logger)
    {
        _index = index;
        _folders = folders;
        _options = options;
        _environment = environment;
        _logger = logger;
    }

    /// <summary>The source name the sample knowledge base is indexed under.</summary>
    public const string SamplesSource = "samples";

    public async Task StartAsync(IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        await _index.OpenAsync(cancellationToken).ConfigureAwait(false);
        var samples = _options.Value.SamplesPath;
        if (_index.Catalog.Count().Documents == 0 && !string.IsNullOrWhiteSpace(samples))
        {
            var folder = Path.GetFullPath(Path.Combine(_environment.ContentRootPath, samples));
            if (Directory.Exists(folder))
            {
                Log.Seeding(_logger, folder);
                await _folders.SyncAsync(folder, SamplesSource, progress, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Log.NoSamples(_logger, folder);
            }
        }

        _index.MarkReady();
        var (documents, chunks) = _index.Catalog.Count();
        Log.Ready(_logger, documents, chunks);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "The index is empty; indexing the sample knowledge base in {Folder}")]
        public static partial void Seeding(ILogger logger, string folder);

        [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "The index is empty and the samples folder {Folder} does not exist; starting with an empty index")]
        public static partial void NoSamples(ILogger logger, string folder);

        [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Index ready: {Documents} documents, {Chunks} chunks")]
        public static partial void Ready(ILogger logger, int documents, int chunks);
    }
}
